package org.medialive.distributor.channel;

import java.util.Locale;

import static org.medialive.distributor.RequestRejectedException.invalid;

/** Which of a channel's two inputs: {@code input} (primary) or {@code backupInput}. */
public enum InputRole {
    PRIMARY, BACKUP;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    InputRole other() {
        return this == PRIMARY ? BACKUP : PRIMARY;
    }

    /** "primary" or "backup"; a 400 saying so for anything else. */
    static InputRole of(String word) {
        for (InputRole role : values()) {
            if (role.word().equals(word)) {
                return role;
            }
        }
        throw invalid("\"to\" must be \"primary\" or \"backup\""
                + (word == null ? "" : ", not '" + (word.length() > 20 ? word.substring(0, 20) + "..." : word) + "'"));
    }
}
