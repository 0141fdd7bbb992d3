package org.medialive.distributor.security;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * What a browser holds after the login form: the session and XSRF cookies. Sends requests
 * with them, as the dashboard's scripts or another site's page would make the browser do.
 */
public final class LoggedInBrowser {

    private String base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;

    public LoggedInBrowser(String base) {
        this.base = base;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The same browser, cookies and all, now talking to a server at another address (cookies do not care for ports). */
    void moveTo(String newBase) {
        this.base = newBase;
    }

    /** Logs in through the form; returns the login answer (302 to / when it worked). */
    public HttpResponse<String> logIn(String user, String password) {
        send(HttpRequest.newBuilder(uri("/login")));
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> login = send(HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", xsrf())
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        if (login.statusCode() != 302 || login.headers().firstValue("Location").orElse("").contains("error")) {
            throw new AssertionError("login of " + user + " failed: " + login.statusCode() + " " + login.headers().map());
        }
        return login;
    }

    public HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        return send(headers.length == 0 ? request : request.headers(headers));
    }

    /** A POST carrying the session cookie, with the CSRF header only if asked for. */
    HttpResponse<String> post(String path, String contentType, String body, boolean withCsrfToken, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (withCsrfToken) {
            request.header("X-XSRF-TOKEN", xsrf());
        }
        return send(headers.length == 0 ? request : request.headers(headers));
    }

    /** Opens /ws with this browser's cookies; the listener's future completes with the close code. */
    public WebSocket openLiveFeed(CompletableFuture<Integer> closed) throws Exception {
        String cookieHeader = cookies.getCookieStore().getCookies().stream()
                .map(c -> c.getName() + "=" + c.getValue()).collect(Collectors.joining("; "));
        return http.newWebSocketBuilder().header("Cookie", cookieHeader)
                .buildAsync(URI.create(base.replaceFirst("^http", "ws") + "/ws"), closeWatcher(closed))
                .get(10, TimeUnit.SECONDS);
    }

    public static WebSocket.Listener closeWatcher(CompletableFuture<Integer> closed) {
        return new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                socket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
                closed.complete(status);
                return null;
            }

            @Override
            public void onError(WebSocket socket, Throwable error) {
                closed.completeExceptionally(error);
            }
        };
    }

    String xsrf() {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue).findFirst().orElseThrow(() -> new AssertionError("no XSRF-TOKEN cookie"));
    }

    List<HttpCookie> cookies() {
        return cookies.getCookieStore().getCookies();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("request to " + base + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }
}
