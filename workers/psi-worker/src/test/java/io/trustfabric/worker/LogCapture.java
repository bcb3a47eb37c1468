package io.trustfabric.worker;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Collects what the worker logs (application loggers at DEBUG and the audit logger) while open. */
final class LogCapture implements AutoCloseable {
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final List<Logger> loggers;
    private final List<Level> previousLevels;

    LogCapture(String... loggerNames) {
        appender.start();
        loggers = java.util.Arrays.stream(loggerNames).map(n -> (Logger) LoggerFactory.getLogger(n)).toList();
        previousLevels = loggers.stream().map(Logger::getLevel).toList();
        loggers.forEach(l -> {
            l.setLevel(Level.DEBUG);
            l.addAppender(appender);
        });
    }

    /** Every captured line, formatted, with the stack traces' messages. */
    synchronized List<String> lines() {
        return appender.list.stream().map(e -> e.getLoggerName() + " " + e.getFormattedMessage()
                + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage())).toList();
    }

    /** The lines of one logger; safe while the worker logs (the appender appends under its own lock). */
    List<String> lines(String loggerName) {
        synchronized (appender) {
            return appender.list.stream().filter(e -> e.getLoggerName().equals(loggerName))
                    .map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    @Override
    public void close() {
        for (int i = 0; i < loggers.size(); i++) {
            loggers.get(i).detachAppender(appender);
            loggers.get(i).setLevel(previousLevels.get(i));
        }
    }
}
