package org.medialive.distributor.control;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.web.servlet.error.DefaultErrorAttributes;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.WebRequest;

/**
 * Errors Spring answers itself (unknown path, a URL the firewall refuses, a wrong content
 * type) in the API's shape: {@code {"error": "<what went wrong>"}}, plus status and path.
 * No stack trace, no exception class.
 */
@Component
class JsonErrorAttributes extends DefaultErrorAttributes {

    @Override
    public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
        Map<String, Object> standard = super.getErrorAttributes(request, ErrorAttributeOptions.of(
                ErrorAttributeOptions.Include.MESSAGE, ErrorAttributeOptions.Include.STATUS,
                ErrorAttributeOptions.Include.ERROR, ErrorAttributeOptions.Include.PATH));
        Object message = standard.get("message");
        String reason = message == null || message.toString().isBlank() || "No message available".equals(message)
                ? String.valueOf(standard.get("error")) : message.toString();
        Map<String, Object> answer = new LinkedHashMap<>();
        if (standard.get("status") instanceof Integer status && status >= 500) {
            // ours, not the caller's: the details go to the log, the caller gets a reference
            reason = InternalErrors.logged(String.valueOf(standard.get("path")), getError(request));
            answer.put("reference", InternalErrors.referenceIn(reason));
        }
        answer.put("error", reason);
        answer.put("status", standard.get("status"));
        answer.put("path", standard.get("path"));
        return answer;
    }
}
