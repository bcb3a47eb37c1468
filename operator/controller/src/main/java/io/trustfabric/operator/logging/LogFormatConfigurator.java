package io.trustfabric.operator.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Locale;
import java.util.Map;

/**
 * Configures logback for the operator process from the environment: TF_LOG_FORMAT=json (one JSON object per
 * line, logback's JsonEncoder) or text; default json inside a cluster, text outside. TF_LOG_LEVEL sets the
 * root level (default INFO). A file named by -Dlogback.configurationFile, or a logback-test.xml on the test
 * class path, still wins.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public class LogFormatConfigurator extends ContextAwareBase implements Configurator {

    public enum Format { JSON, TEXT }

    /** JOSDK logs whole desired objects at DEBUG, which for the key seed Secret would include the seed. */
    static final String DEPENDENT_LOGGER = "io.javaoperatorsdk.operator.processing.dependent";

    private final Map<String, String> env;
    private final boolean fileConfigurationPresent;

    public LogFormatConfigurator() {
        this(System.getenv(), System.getProperty("logback.configurationFile") != null
                || LogFormatConfigurator.class.getClassLoader().getResource("logback-test.xml") != null);
    }

    LogFormatConfigurator(Map<String, String> env, boolean fileConfigurationPresent) {
        this.env = env;
        this.fileConfigurationPresent = fileConfigurationPresent;
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (fileConfigurationPresent) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName("console");
        appender.setEncoder(encoder(context, format(env)));
        appender.start();

        Level level = Level.toLevel(env.getOrDefault("TF_LOG_LEVEL", "INFO"), Level.INFO);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(level);
        root.addAppender(appender);
        context.getLogger(DEPENDENT_LOGGER).setLevel(level.isGreaterOrEqual(Level.INFO) ? level : Level.INFO);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    public static Format format(Map<String, String> env) {
        String requested = env.get("TF_LOG_FORMAT");
        if (requested == null || requested.isBlank()) {
            return env.containsKey("KUBERNETES_SERVICE_HOST") ? Format.JSON : Format.TEXT;
        }
        return "json".equals(requested.trim().toLowerCase(Locale.ROOT)) ? Format.JSON : Format.TEXT;
    }

    private static Encoder<ILoggingEvent> encoder(LoggerContext context, Format format) {
        if (format == Format.JSON) {
            JsonEncoder json = new JsonEncoder();
            json.setContext(context);
            json.setWithContext(false);
            json.setWithSequenceNumber(false);
            json.setWithNanoseconds(false);
            json.setWithMessage(false);
            json.setWithArguments(false);
            json.setWithFormattedMessage(true);
            json.start();
            return json;
        }
        PatternLayoutEncoder text = new PatternLayoutEncoder();
        text.setContext(context);
        text.setPattern("%d{ISO8601} %-5level [%thread] %logger{36} - %msg%n");
        text.start();
        return text;
    }
}
