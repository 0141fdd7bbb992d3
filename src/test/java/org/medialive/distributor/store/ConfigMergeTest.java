package org.medialive.distributor.store;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.medialive.distributor.RequestRejectedException;
import org.medialive.distributor.channel.ChannelDefinition;
import org.medialive.distributor.channel.InputDefinition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Two nodes' changes at the same time: both kept when they touch different channels, a 409 when the same. */
class ConfigMergeTest {

    private static ChannelDefinition channel(String id, String name) {
        return new ChannelDefinition(id, name, new InputDefinition(null, 5000, null, null, null, null, null), false, List.of());
    }

    private static final ChannelDefinition NEWS = channel("news", "News");
    private static final ChannelDefinition SPORTS = channel("sports", "Sports");

    @Test
    void changesToDifferentChannelsAreBothKept() {
        List<ChannelDefinition> base = List.of(NEWS, SPORTS);
        List<ChannelDefinition> mine = List.of(channel("news", "News HD"), SPORTS, channel("weather", null));
        List<ChannelDefinition> theirs = List.of(NEWS, channel("sports", "Sports 2"), channel("movies", null));
        assertThat(ConfigMerge.merge(base, mine, theirs)).containsExactly(
                channel("news", "News HD"), channel("sports", "Sports 2"), channel("movies", null), channel("weather", null));
    }

    @Test
    void aDeletionOnOneSideAndNothingOnTheOtherIsKept() {
        assertThat(ConfigMerge.merge(List.of(NEWS, SPORTS), List.of(SPORTS), List.of(NEWS, SPORTS))).containsExactly(SPORTS);
        assertThat(ConfigMerge.merge(List.of(NEWS, SPORTS), List.of(NEWS, SPORTS), List.of(NEWS))).containsExactly(NEWS);
    }

    @Test
    void theSameChangeOnBothSidesIsNoConflict() {
        List<ChannelDefinition> both = List.of(channel("news", "News HD"));
        assertThat(ConfigMerge.merge(List.of(NEWS), both, both)).isEqualTo(both);
    }

    @Test
    void differentChangesToOneChannelAreAConflictNamingIt() {
        assertThatThrownBy(() -> ConfigMerge.merge(List.of(NEWS), List.of(channel("news", "A")), List.of(channel("news", "B"))))
                .isInstanceOf(RequestRejectedException.class)
                .hasMessageContaining("channel 'news' was changed on another node at the same time");
        assertThatThrownBy(() -> ConfigMerge.merge(List.of(NEWS), List.of(channel("news", "A")), List.of()))
                .hasMessageContaining("channel 'news' was deleted on another node");
    }
}
