package io.trustfabric.cli.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trustfabric.controlplane.ControlPlaneBinaries;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/** --api-server=auto|real|mock: which API server local mode runs with and without the real binaries. */
class ApiServerChoiceTest {

    private static final Optional<ControlPlaneBinaries> INSTALLED = Optional.of(new ControlPlaneBinaries(
            Path.of("kube-apiserver"), Path.of("kube-controller-manager"), Path.of("etcd"), Path.of("kubectl"),
            Path.of("opa"), Path.of("promtool"), "1.34.12", "3.6.4", "1.22.4", "3.16.0"));
    private static final String WHY = "no testbin.properties; " + ControlPlaneBinaries.INSTALL_HINT;

    @Test
    void autoRunsTheRealServerExactlyWhenItsBinariesAreInstalled() {
        assertThat(ApiServerChoice.AUTO.useReal(INSTALLED, "")).isTrue();
        assertThat(ApiServerChoice.AUTO.useReal(Optional.empty(), WHY)).isFalse();
    }

    @Test
    void mockRunsTheMockEvenWhenTheRealServerIsInstalled() {
        assertThat(ApiServerChoice.MOCK.useReal(INSTALLED, "")).isFalse();
        assertThat(ApiServerChoice.MOCK.useReal(Optional.empty(), WHY)).isFalse();
    }

    @Test
    void realWithoutTheBinariesFailsWithWhyAndHowToInstallThem() {
        assertThat(ApiServerChoice.REAL.useReal(INSTALLED, "")).isTrue();
        assertThatThrownBy(() -> ApiServerChoice.REAL.useReal(Optional.empty(), WHY))
                .isInstanceOf(LocalModeException.class)
                .hasMessageContaining("--api-server=real")
                .hasMessageContaining(WHY)
                .hasMessageContaining("build-tools/test-binaries.sh");
    }

    @Test
    void optionValuesAreAutoRealOrMockInAnyCase() {
        ApiServerChoice.Converter converter = new ApiServerChoice.Converter();
        assertThat(converter.convert("real")).isEqualTo(ApiServerChoice.REAL);
        assertThat(converter.convert("MOCK")).isEqualTo(ApiServerChoice.MOCK);
        assertThat(converter.convert("auto")).isEqualTo(ApiServerChoice.AUTO);
        assertThat(ApiServerChoice.AUTO).hasToString("auto");
        assertThatThrownBy(() -> converter.convert("kind")).isInstanceOf(TypeConversionException.class)
                .hasMessage("expected auto, real or mock, got 'kind'");
    }
}
