package org.medialive.distributor.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;

/** What a Spring Boot test of the whole application needs: a data directory of its own and a known admin password. */
public final class ApplicationTestProperties {

    private ApplicationTestProperties() {
    }

    /** @return the admin password, {@code <name>-admin-password} */
    public static String register(DynamicPropertyRegistry registry, String name) throws IOException {
        Path dir = Files.createTempDirectory(name);
        String password = name + "-admin-password";
        registry.add("distributor.data-dir", dir::toString);
        registry.add("distributor.admin-password", () -> password);
        return password;
    }
}
