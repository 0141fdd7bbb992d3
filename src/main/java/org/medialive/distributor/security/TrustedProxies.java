package org.medialive.distributor.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code distributor.security.trusted-proxies}: addresses or CIDR blocks of reverse proxies whose
 * X-Forwarded-For header is believed. Empty (the default): the header is ignored, since any client
 * could send one to dodge the per-address login limit or to blame another address in the audit.
 */
@ConfigurationProperties("distributor.security")
record TrustedProxies(@DefaultValue List<String> trustedProxies) {
}
