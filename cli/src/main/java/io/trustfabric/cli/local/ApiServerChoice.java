package io.trustfabric.cli.local;

import io.trustfabric.controlplane.ControlPlaneBinaries;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Which API server local mode runs: {@code --api-server=auto|real|mock}. */
public enum ApiServerChoice {
    /** The real one when its binaries are installed, else the embedded mock. */
    AUTO,
    /** The real one; fails when its binaries are not installed. */
    REAL,
    /** The embedded mock, even when the real binaries are installed. */
    MOCK;

    /** The option's spelling: auto, real or mock. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether to run the real API server given the installed binaries (empty: not installed).
     *
     * @throws LocalModeException for REAL without binaries, with why they are missing and how to install them
     */
    boolean useReal(Optional<ControlPlaneBinaries> binaries, String whyMissing) {
        return switch (this) {
            case MOCK -> false;
            case AUTO -> binaries.isPresent();
            case REAL -> {
                if (binaries.isEmpty()) {
                    throw new LocalModeException("--api-server=real: the real API server's binaries are not "
                            + "installed (" + whyMissing + ")");
                }
                yield true;
            }
        };
    }

    /** picocli: auto, real or mock (any case). */
    public static final class Converter implements ITypeConverter<ApiServerChoice> {
        @Override
        public ApiServerChoice convert(String value) {
            try {
                return ApiServerChoice.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("expected auto, real or mock, got '" + value + "'");
            }
        }
    }
}
