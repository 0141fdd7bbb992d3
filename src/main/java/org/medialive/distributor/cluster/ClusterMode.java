package org.medialive.distributor.cluster;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * True when distributor.cluster.zookeeper is set and not blank. (@ConditionalOnProperty would
 * also match the empty value application.yaml lists it with.)
 */
class ClusterMode implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String zookeeper = context.getEnvironment().getProperty("distributor.cluster.zookeeper");
        return zookeeper != null && !zookeeper.isBlank();
    }
}
