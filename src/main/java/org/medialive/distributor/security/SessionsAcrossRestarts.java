package org.medialive.distributor.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.medialive.distributor.DistributorProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Dashboard sessions outlive a restart of the server (an upgrade, {@code systemctl restart}):
 * an operator watching the dashboard stays logged in and the page reconnects by itself.
 * Tomcat writes them to {@code <data>/sessions} on shutdown; the directory is the owner's
 * only, since a session id is as good as a password while it lasts. A crash loses them,
 * and the next page load asks for a login.
 */
@Component
class SessionsAcrossRestarts implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private final Path directory;

    SessionsAcrossRestarts(DistributorProperties properties) {
        this.directory = properties.dataPath().resolve("sessions");
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        try {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new IllegalStateException("could not create " + directory + " for login sessions: " + e.getMessage(), e);
        }
        factory.getSession().setPersistent(true);
        factory.getSession().setStoreDir(directory.toFile());
    }
}
