package org.medialive.distributor.output;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** A tick refused because the output's route is stopping is no fault; any other exception is still a warning. */
class OutputTimerExceptionsTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(OutputTimerExceptions.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void listen() {
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(logged);
    }

    @Test
    void aTickRefusedWhileTheRouteStopsIsNoWarning() {
        new OutputTimerExceptions().handleException("Error processing exchange", null, new RejectedExecutionException());
        assertThat(logged.list).noneMatch(event -> event.getLevel().isGreaterOrEqual(Level.WARN));
    }

    @Test
    void anyOtherExceptionIsAWarningWithItsCause() {
        new OutputTimerExceptions().handleException("Error processing exchange", null, new IllegalStateException("broken"));
        assertThat(logged.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getThrowableProxy().getMessage()).isEqualTo("broken");
        });
    }
}
