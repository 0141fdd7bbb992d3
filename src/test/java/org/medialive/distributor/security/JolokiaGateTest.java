package org.medialive.distributor.security;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Which requests reach Jolokia: POST from this server's pages, and GET of the version only. */
class JolokiaGateTest {

    @Test
    void postFromThisServerPasses() throws Exception {
        MockHttpServletRequest request = request("POST", "/actuator/jolokia");
        request.addHeader("Origin", "http://127.0.0.1:8000");
        assertThat(status(request)).isEqualTo(200);
        assertThat(status(request("POST", "/actuator/hawtio/jolokia"))).as("no Origin: a script").isEqualTo(200);
    }

    @Test
    void getIsRefusedExceptTheVersion() throws Exception {
        assertThat(status(request("GET", "/actuator/jolokia/exec/x:type=y/op/arg"))).isEqualTo(405);
        assertThat(status(request("GET", "/actuator/jolokia/read/java.lang:type=Memory"))).isEqualTo(405);
        assertThat(status(request("HEAD", "/actuator/jolokia"))).isEqualTo(405);
        assertThat(status(request("GET", "/actuator/jolokia"))).isEqualTo(200);
        assertThat(status(request("GET", "/actuator/hawtio/jolokia/version"))).isEqualTo(200);
        MockHttpServletRequest withQuery = request("GET", "/actuator/jolokia/version");
        withQuery.setQueryString("p=exec/x");
        assertThat(status(withQuery)).isEqualTo(405);
        assertThat(status(request("GET", "/actuator/hawtio/proxy"))).isEqualTo(405);
    }

    @Test
    void anotherSitesRequestIsRefused() throws Exception {
        MockHttpServletRequest otherOrigin = request("POST", "/actuator/jolokia");
        otherOrigin.addHeader("Origin", "http://evil.example");
        assertThat(status(otherOrigin)).isEqualTo(403);
        MockHttpServletRequest otherPort = request("POST", "/actuator/jolokia");
        otherPort.addHeader("Origin", "http://127.0.0.1:9000");
        assertThat(status(otherPort)).isEqualTo(403);
        MockHttpServletRequest sandboxed = request("POST", "/actuator/jolokia");
        sandboxed.addHeader("Origin", "null");
        assertThat(status(sandboxed)).isEqualTo(403);
        MockHttpServletRequest crossSite = request("POST", "/actuator/jolokia");
        crossSite.addHeader("Sec-Fetch-Site", "cross-site");
        assertThat(status(crossSite)).isEqualTo(403);
    }

    @Test
    void otherPathsAreNotItsBusiness() throws Exception {
        assertThat(status(request("GET", "/api/channels"))).isEqualTo(200);
    }

    private static MockHttpServletRequest request(String method, String path) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setServerName("127.0.0.1");
        request.setServerPort(8000);
        return request;
    }

    private static int status(MockHttpServletRequest request) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        new JolokiaGate().doFilter(request, response, new MockFilterChain());
        return response.getStatus();
    }
}
