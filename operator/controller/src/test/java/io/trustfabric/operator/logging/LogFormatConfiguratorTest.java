package io.trustfabric.operator.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trustfabric.operator.logging.LogFormatConfigurator.Format;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogFormatConfiguratorTest {

    @Test
    void formatFollowsTfLogFormatAndDefaultsToJsonInCluster() {
        assertThat(LogFormatConfigurator.format(Map.of("TF_LOG_FORMAT", "json"))).isEqualTo(Format.JSON);
        assertThat(LogFormatConfigurator.format(Map.of("TF_LOG_FORMAT", "text",
                "KUBERNETES_SERVICE_HOST", "10.0.0.1"))).isEqualTo(Format.TEXT);
        assertThat(LogFormatConfigurator.format(Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1"))).isEqualTo(Format.JSON);
        assertThat(LogFormatConfigurator.format(Map.of())).isEqualTo(Format.TEXT);
    }

    @Test
    void jsonFormatWritesOneJsonObjectPerEvent() throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        new LogFormatConfigurator(Map.of("TF_LOG_FORMAT", "json", "TF_LOG_LEVEL", "DEBUG"), false).configure(context);

        ConsoleAppender<ILoggingEvent> console = consoleOf(context);
        assertThat(console.getEncoder()).isInstanceOf(JsonEncoder.class);
        assertThat(context.getLogger("root").getLevel()).isEqualTo(Level.DEBUG);
        assertThat(context.getLogger(LogFormatConfigurator.DEPENDENT_LOGGER).getLevel()).isEqualTo(Level.INFO);

        ch.qos.logback.classic.Logger logger = context.getLogger("io.trustfabric.test");
        LoggingEvent event = new LoggingEvent("x", logger, Level.WARN, "tenant {} invalid", null,
                new Object[] {"acme"});
        byte[] line = console.getEncoder().encode(event);
        JsonNode json = new ObjectMapper().readTree(new String(line, StandardCharsets.UTF_8));
        assertThat(json.get("level").asText()).isEqualTo("WARN");
        assertThat(json.get("loggerName").asText()).isEqualTo("io.trustfabric.test");
        assertThat(json.get("formattedMessage").asText()).isEqualTo("tenant acme invalid");
        context.stop();
    }

    @Test
    void textFormatUsesAPattern() {
        LoggerContext context = new LoggerContext();
        new LogFormatConfigurator(Map.of("TF_LOG_FORMAT", "text"), false).configure(context);
        assertThat(consoleOf(context).getEncoder()).isInstanceOf(PatternLayoutEncoder.class);
        assertThat(context.getLogger("root").getLevel()).isEqualTo(Level.INFO);
        context.stop();
    }

    @Test
    void aLogbackFileTakesPrecedence() {
        LoggerContext context = new LoggerContext();
        assertThat(new LogFormatConfigurator(Map.of("TF_LOG_FORMAT", "json"), true).configure(context))
                .isEqualTo(ch.qos.logback.classic.spi.Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
        assertThat(consoleOf(context)).isNull();
    }

    private static ConsoleAppender<ILoggingEvent> consoleOf(LoggerContext context) {
        return (ConsoleAppender<ILoggingEvent>) context.getLogger("root").getAppender("console");
    }
}
