package io.trustfabric.worker.http;

import java.util.Map;

/** A request is refused with a problem response; thrown before anything is computed or changed. */
public final class ProblemException extends RuntimeException {
    /** Extension member (and {@code Retry-After} header) of 429 answers. */
    public static final String RETRY_AFTER_SECONDS = "retryAfterSeconds";

    private final ProblemType type;
    private final Map<String, Object> extensions;

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, Map.of());
    }

    public ProblemException(ProblemType type, String detail, Map<String, Object> extensions) {
        super(detail, null, false, false);
        this.type = type;
        this.extensions = extensions;
    }

    public ProblemType type() {
        return type;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
