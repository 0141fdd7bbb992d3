package org.medialive.distributor.security;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medialive.distributor.support.Api;
import org.medialive.distributor.support.DistributorServer;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first admin's password (generated into a private file, or seeded once from the
 * environment), users.json of the two-role era moving to three roles, and login sessions
 * that were ended staying ended across restarts.
 */
class AccountsIT {

    @TempDir
    Path work;

    @Test
    void aGeneratedPasswordGoesToAPrivateFileNotTheLogAndTheFileGoesWhenChanged() throws Exception {
        Path data = work.resolve("data");
        // --distributor.admin-password= overrides the DISTRIBUTOR_ADMIN_PASSWORD every test server gets
        try (DistributorServer server = new DistributorServer(data, "generated-admin", "--distributor.admin-password=").start()) {
            Path file = data.resolve("admin-password.txt");
            assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            String generated = Files.readString(file).trim();
            assertThat(generated).hasSizeGreaterThanOrEqualTo(20);
            assertThat(server.logText()).doesNotContain(generated).contains(file.toString());
            Api admin = server.anonymous().as("admin", generated);
            assertThat(admin.ok("/api/me").path("roles").toString()).contains("admin");
            Api.Response changed = admin.post("/api/me/password", "{\"current\":\"" + generated + "\",\"password\":\"chosen-by-the-admin\"}");
            assertThat(changed.status()).as(changed.body()).isEqualTo(204);
            assertThat(file).doesNotExist();
            assertThat(admin.get("/api/me").status()).isEqualTo(401);
            assertThat(server.anonymous().as("admin", "chosen-by-the-admin").get("/api/me").status()).isEqualTo(200);
        }
    }

    @Test
    void theEnvironmentPasswordSeedsTheFirstStartOnlyAndADeletedAdminStaysDeleted() {
        Path data = work.resolve("data");
        try (DistributorServer server = new DistributorServer(data, "seeded-admin").start()) {
            Api admin = server.api();
            assertThat(admin.post("/api/me/password", "{\"current\":\"" + DistributorServer.ADMIN_PASSWORD
                    + "\",\"password\":\"changed-after-seeding\"}").status()).isEqualTo(204);
        }
        try (DistributorServer server = new DistributorServer(data, "seeded-admin-2").start()) {
            assertThat(server.api().get("/api/me").status()).as("DISTRIBUTOR_ADMIN_PASSWORD did not come back").isEqualTo(401);
            Api admin = server.anonymous().as("admin", "changed-after-seeding");
            assertThat(admin.post("/api/users", "{\"username\":\"boss\",\"password\":\"boss-password-1\",\"role\":\"admin\"}").status()).isEqualTo(201);
            Api boss = server.anonymous().as("boss", "boss-password-1");
            assertThat(boss.delete("/api/users/admin").status()).isEqualTo(204);
            assertThat(server.logText()).contains("DISTRIBUTOR_ADMIN_PASSWORD is ignored");
        }
        try (DistributorServer server = new DistributorServer(data, "seeded-admin-3").start()) {
            assertThat(server.api().get("/api/me").status()).as("the deleted admin was not recreated").isEqualTo(401);
            JsonNode users = server.anonymous().as("boss", "boss-password-1").ok("/api/users");
            assertThat(users.toString()).doesNotContain("\"username\":\"admin\"").contains("boss");
            Api.Response last = server.anonymous().as("boss", "boss-password-1").delete("/api/users/boss");
            assertThat(last.status()).isEqualTo(409);
            assertThat(last.error()).contains("last admin");
        }
    }

    @Test
    void usersOfTheTwoRoleEraKeepTheirRightsTheBuiltInAdminBecomesAdmin() throws Exception {
        Path data = work.resolve("data");
        Files.createDirectories(data);
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();
        Files.writeString(data.resolve("users.json"), """
                {"version":1,"users":[
                 {"username":"admin","passwordHash":"%s","role":"operator"},
                 {"username":"night-shift","passwordHash":"%s","role":"operator"},
                 {"username":"wall","passwordHash":"%s","role":"viewer"}]}
                """.formatted(bcrypt.encode("old-admin-password"), bcrypt.encode("night-password-1"), bcrypt.encode("wall-password-1")));
        try (DistributorServer server = new DistributorServer(data, "migrated-users").start()) {
            Api admin = server.anonymous().as("admin", "old-admin-password");
            assertThat(admin.ok("/api/me").path("roles").toString()).isEqualTo("[\"viewer\",\"operator\",\"admin\"]");
            assertThat(admin.ok("/api/users").toString()).contains("{\"username\":\"night-shift\",\"role\":\"operator\"}")
                    .contains("{\"username\":\"wall\",\"role\":\"viewer\"}");
            Api operator = server.anonymous().as("night-shift", "night-password-1");
            assertThat(operator.get("/api/users").status()).as("operators no longer manage users").isEqualTo(403);
            assertThat(operator.get("/api/channels").status()).isEqualTo(200);
            assertThat(server.api().get("/api/me").status()).as("the environment password does not replace a stored admin")
                    .isEqualTo(401);
        }
        assertThat(Files.readString(data.resolve("users.json"))).contains("\"version\" : 2");
    }

    @Test
    void anEndedSessionDoesNotComeBackAfterARestart() throws Exception {
        Path data = work.resolve("data");
        LoggedInBrowser kept;
        LoggedInBrowser ended;
        try (DistributorServer server = new DistributorServer(data, "sessions-restart").start()) {
            server.api().post("/api/users", "{\"username\":\"stays\",\"password\":\"stays-password-1\",\"role\":\"viewer\"}");
            server.api().post("/api/users", "{\"username\":\"goes\",\"password\":\"goes-password-1\",\"role\":\"viewer\"}");
            kept = new LoggedInBrowser(server.baseUrl());
            kept.logIn("stays", "stays-password-1");
            ended = new LoggedInBrowser(server.baseUrl());
            ended.logIn("goes", "goes-password-1");
            server.stop();
            // the sessions were written to disk; the next server restores them
            DistributorServer again = new DistributorServer(data, "sessions-restart-2").start();
            try {
                kept.moveTo(again.baseUrl());
                ended.moveTo(again.baseUrl());
                assertThat(kept.get("/api/me").statusCode()).as("a session survives a restart").isEqualTo(200);
                assertThat(ended.get("/api/me").statusCode()).isEqualTo(200);
                // a session restored from disk is not in the server's memory list: the password change must still end it
                assertThat(again.api().put("/api/users/goes/password", "{\"password\":\"goes-password-2\"}").status()).isEqualTo(204);
                assertThat(ended.get("/api/me").statusCode()).isEqualTo(401);
                assertThat(kept.get("/api/me").statusCode()).isEqualTo(200);
            } finally {
                again.stop();
            }
            DistributorServer third = new DistributorServer(data, "sessions-restart-3").start();
            try {
                kept.moveTo(third.baseUrl());
                ended.moveTo(third.baseUrl());
                assertThat(ended.get("/api/me").statusCode()).as("still ended after another restart").isEqualTo(401);
                assertThat(kept.get("/api/me").statusCode()).isEqualTo(200);
            } finally {
                third.stop();
            }
        }
    }
}
