package org.medialive.distributor.control;

import jakarta.servlet.RequestDispatcher;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.ServletWebRequest;

import static org.assertj.core.api.Assertions.assertThat;

/** Errors Spring answers itself: a 4xx keeps its reason, a 5xx says "internal error" with a reference only. */
class JsonErrorAttributesTest {

    private static Map<String, Object> answer(int status, Exception failure) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/x");
        request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, status);
        request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, "/api/x");
        request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, failure);
        request.setAttribute(RequestDispatcher.ERROR_MESSAGE, failure.getMessage());
        return new JsonErrorAttributes().getErrorAttributes(new ServletWebRequest(request), ErrorAttributeOptions.defaults());
    }

    @Test
    void aServerFailureHidesItsMessageBehindAReference() {
        Map<String, Object> answer = answer(500, new IllegalStateException("could not open /var/lib/secret-place/x.json"));
        assertThat(answer.get("error").toString()).startsWith("internal error (reference ").doesNotContain("secret-place");
        assertThat(answer.get("reference").toString()).matches("[0-9a-f]{12}");
        assertThat(answer.get("error").toString()).contains(answer.get("reference").toString());
        assertThat(answer.toString()).doesNotContain("IllegalStateException");
    }

    @Test
    void aRefusalKeepsItsReason() {
        Map<String, Object> answer = answer(400, new IllegalArgumentException("the body is not valid"));
        assertThat(answer.get("error")).isEqualTo("the body is not valid");
        assertThat(answer).doesNotContainKey("reference");
    }
}
