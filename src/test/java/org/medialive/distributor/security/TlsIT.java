package org.medialive.distributor.security;

import java.io.IOException;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medialive.distributor.support.DistributorServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTPS from PEM files (an SSL bundle): a certificate made with openssl for this test, the
 * server started with it, answers over HTTPS with HSTS and Secure, SameSite cookies, and
 * no plain HTTP on that port.
 */
class TlsIT {

    @TempDir
    Path work;

    @Test
    void servesHttpsFromPemFilesWithHstsAndSecureCookies() throws Exception {
        Path cert = work.resolve("cert.pem");
        Path key = work.resolve("key.pem");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                "-keyout", key.toString(), "-out", cert.toString()).redirectErrorStream(true).start();
        String opensslOutput = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(openssl.waitFor(60, TimeUnit.SECONDS) && openssl.exitValue() == 0).as(opensslOutput).isTrue();

        try (DistributorServer server = new DistributorServer(work.resolve("data"), "tls",
                "--server.ssl.bundle=web",
                "--spring.ssl.bundle.pem.web.keystore.certificate=file:" + cert,
                "--spring.ssl.bundle.pem.web.keystore.private-key=file:" + key).launch()) {
            CookieManager cookies = new CookieManager();
            HttpClient https = HttpClient.newBuilder().sslContext(trusting(cert)).cookieHandler(cookies)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            String base = "https://127.0.0.1:" + server.port();
            awaitReady(https, base, server);

            HttpResponse<String> loginPage = https.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(loginPage.statusCode()).isEqualTo(200);
            assertThat(loginPage.headers().firstValue("Strict-Transport-Security")).hasValueSatisfying(
                    hsts -> assertThat(hsts).contains("max-age=31536000"));
            List<String> setCookies = new ArrayList<>(loginPage.headers().allValues("Set-Cookie"));
            String xsrf = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                    .findFirst().orElseThrow().getValue();
            HttpResponse<String> login = https.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", xsrf)
                    .POST(HttpRequest.BodyPublishers.ofString("username=admin&password="
                            + URLEncoder.encode(DistributorServer.ADMIN_PASSWORD, StandardCharsets.UTF_8))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).isEqualTo(302);
            setCookies.addAll(login.headers().allValues("Set-Cookie"));
            assertThat(setCookies).anySatisfy(c -> assertThat(c).startsWith("JSESSIONID=").contains("Secure").contains("SameSite=Lax").contains("HttpOnly"));
            assertThat(setCookies).anySatisfy(c -> assertThat(c).startsWith("XSRF-TOKEN=").contains("Secure").contains("SameSite=Lax"));
            HttpResponse<String> me = https.send(HttpRequest.newBuilder(URI.create(base + "/api/me")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(me.statusCode()).isEqualTo(200);
            assertThat(me.body()).contains("\"user\":\"admin\"");

            HttpResponse<String> plain = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/login")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(plain.statusCode()).as("plain HTTP on the TLS port: " + plain.body()).isEqualTo(400);
            assertThat(plain.body()).doesNotContain("password");
        }
    }

    private static void awaitReady(HttpClient https, String base, DistributorServer server) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            try {
                if (https.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health/readiness")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no HTTPS answer on " + base + ":\n" + server.logTail());
            }
            Thread.sleep(250);
        }
    }

    /** Trusts exactly the test's own certificate (and checks the host name against its IP address). */
    private static SSLContext trusting(Path cert) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(cert)) {
            trust.setCertificateEntry("server", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
