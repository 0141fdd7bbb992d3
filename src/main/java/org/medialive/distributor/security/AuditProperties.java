package org.medialive.distributor.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings under {@code distributor.audit.*} (documented in application.yaml).
 *
 * @param maxSize size at which audit.log is rotated to audit.log.1
 * @param files   rotated files kept (audit.log.1 .. audit.log.N); older ones are deleted
 */
@ConfigurationProperties("distributor.audit")
record AuditProperties(@DefaultValue("10MB") DataSize maxSize, @DefaultValue("5") int files) {
}
