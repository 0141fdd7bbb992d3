package org.medialive.distributor.channel;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.medialive.distributor.stream.Cue;
import org.medialive.distributor.stream.SpliceCommand;
import org.medialive.distributor.stream.SpliceInfo;

import static org.assertj.core.api.Assertions.assertThat;

class CueOriginsTest {

    @Test
    void aCueSeenFromTheOtherInputBeforeIsARepeat() {
        CueOrigins origins = new CueOrigins();
        Cue first = insert(1000, 1);
        assertThat(origins.seen(first, InputRole.PRIMARY)).isEqualTo(new CueOrigins.Origin("primary", false));
        assertThat(origins.seen(insert(1000, 2), InputRole.PRIMARY).repeat()).as("the same input repeating its cue").isFalse();
        Cue again = insert(1000, 3);
        assertThat(origins.seen(again, InputRole.BACKUP)).isEqualTo(new CueOrigins.Origin("backup", true));
        assertThat(origins.seen(insert(1001, 4), InputRole.BACKUP).repeat()).isFalse();
        assertThat(origins.of(first).input()).isEqualTo("primary");
        assertThat(CueView.of(again).from(origins.of(again)).repeat()).isTrue();
        assertThat(CueView.of(first).from(origins.of(first)).repeat()).as("absent, not false").isNull();
    }

    private static Cue insert(long eventId, long at) {
        SpliceCommand command = new SpliceCommand.SpliceInsert(eventId, false, true, true, true, null, List.of(), null, 0, 0, 0);
        return new Cue(at, 500, new SpliceInfo(0xFC, 20, 0, false, 0, 0, 0, 0xFFF, 5, 10, command, List.of(), 0, true));
    }
}
