package org.medialive.distributor.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A login-form session for {@link Api#signedInAs}: GET /login for the CSRF cookie, POST /login
 * with it, then the session cookie on every request and the CSRF token in the X-XSRF-TOKEN
 * header of every change, as the dashboard's script does. Once the server ends the session
 * (or refuses the login), the Api uses HTTP Basic instead.
 */
final class LoginSession {

    private final CookieManager cookies = new CookieManager();
    private final String base;
    private final String user;
    private final String password;
    private boolean signedIn;
    private boolean givenUp;

    LoginSession(String base, String user, String password) {
        this.base = base;
        this.user = user;
        this.password = password;
    }

    CookieManager cookies() {
        return cookies;
    }

    /** Signs in if not yet; false once the session has ended or the login was refused. */
    synchronized boolean signIn(HttpClient http) {
        if (signedIn || givenUp) {
            return signedIn;
        }
        try {
            http.send(HttpRequest.newBuilder(URI.create(base + "/login")).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                    + URLEncoder.encode(password, StandardCharsets.UTF_8);
            HttpRequest.Builder login = HttpRequest.newBuilder(URI.create(base + "/login")).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
            addCsrfHeader(login);
            HttpResponse<Void> answer = http.send(login.build(), HttpResponse.BodyHandlers.discarding());
            String location = answer.headers().firstValue("Location").orElse("");
            signedIn = answer.statusCode() == 302 && !location.contains("error") && cookie("JSESSIONID") != null;
        } catch (IOException e) {
            signedIn = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            signedIn = false;
        }
        givenUp = !signedIn;
        return signedIn;
    }

    synchronized void ended() {
        signedIn = false;
        givenUp = true;
    }

    void addCsrfHeader(HttpRequest.Builder request) {
        String token = cookie("XSRF-TOKEN");
        if (token != null) {
            request.setHeader("X-XSRF-TOKEN", token);
        }
    }

    private String cookie(String name) {
        for (HttpCookie cookie : cookies.getCookieStore().get(URI.create(base))) {
            if (cookie.getName().equals(name)) {
                return cookie.getValue();
            }
        }
        return null;
    }
}
