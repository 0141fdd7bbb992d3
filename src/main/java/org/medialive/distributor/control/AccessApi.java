package org.medialive.distributor.control;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.medialive.distributor.RequestRejectedException;
import org.medialive.distributor.security.ApiTokens;
import org.medialive.distributor.security.ActiveSessions;
import org.medialive.distributor.security.AuditTrail;
import org.medialive.distributor.security.Caller;
import org.medialive.distributor.security.UserAccounts;
import org.springframework.stereotype.Component;

/** Who is calling, users, API tokens and the audit log: GET /api/me, /api/users, /api/tokens, /api/audit. */
@Component("accessApi")
public class AccessApi {

    private final UserAccounts users;
    private final ApiTokens tokens;
    private final AuditTrail audit;
    private final ApiJson json;
    private final ActiveSessions sessions;

    /** Body of POST /api/users. */
    record NewUser(String username, String password, String role) {
    }

    /** Body of POST /api/me/password; {@code current} is not needed on PUT /api/users/{name}/password. */
    record NewPassword(String current, String password) {
    }

    /** Body of POST /api/tokens. */
    record NewToken(String name, String role) {
    }

    AccessApi(UserAccounts users, ApiTokens tokens, AuditTrail audit, ApiJson json, ActiveSessions sessions) {
        this.sessions = sessions;
        this.users = users;
        this.tokens = tokens;
        this.audit = audit;
        this.json = json;
    }

    public String me(@ExchangeProperty(Caller.PROPERTY) Caller caller) {
        Map<String, Object> me = new LinkedHashMap<>();
        me.put("user", caller.user());
        me.put("roles", caller.roles());
        return json.write(me);
    }

    public String listUsers() {
        return json.write(users.list());
    }

    public String createUser(@Body String body, Exchange exchange) {
        NewUser request = json.read(body, NewUser.class);
        String created = json.write(users.create(request.username(), request.password(), request.role()));
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 201);
        return created;
    }

    public String deleteUser(@Header("name") String name, Exchange exchange) {
        users.delete(name);
        sessions.endUser(name);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 204);
        return null;
    }

    /** The caller's own password; ends all their sessions, this one too (the dashboard asks for a new login). */
    public String changeOwnPassword(@Body String body, @ExchangeProperty(Caller.PROPERTY) Caller caller, Exchange exchange) {
        String user = caller.user();
        if (user.isEmpty() || caller.tokenId() != null) {
            throw RequestRejectedException.invalid("an API token has no password; log in as a user to change yours");
        }
        NewPassword request = json.read(body, NewPassword.class);
        users.changeOwnPassword(user, request.current(), request.password());
        sessions.endUser(user);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 204);
        return null;
    }

    /** An admin sets a user's password (e.g. one who forgot theirs); that user's sessions end. */
    public String setPassword(@Header("name") String name, @Body String body, Exchange exchange) {
        NewPassword request = json.read(body, NewPassword.class);
        users.setPassword(name, request.password());
        sessions.endUser(name);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 204);
        return null;
    }

    public String listTokens() {
        return json.write(tokens.list());
    }

    /** The token's value is in this answer and nowhere else, ever. */
    public String createToken(@Body String body, @ExchangeProperty(Caller.PROPERTY) Caller caller, Exchange exchange) {
        NewToken request = json.read(body, NewToken.class);
        String created = json.write(tokens.create(request.name(), request.role(), caller.user()));
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 201);
        return created;
    }

    public String revokeToken(@Header("tid") String id, Exchange exchange) {
        tokens.revoke(id);
        sessions.endToken(id);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 204);
        return null;
    }

    public String audit(@Header("limit") String limit) throws IOException {
        int count = limit == null || !limit.matches("\\d{1,4}") ? 200 : Math.max(1, Integer.parseInt(limit));
        return json.write(audit.latest(count));
    }
}
