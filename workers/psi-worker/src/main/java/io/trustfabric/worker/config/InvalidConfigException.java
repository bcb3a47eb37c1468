package io.trustfabric.worker.config;

/** The worker configuration is unusable; the message names the field. The worker does not start. */
public class InvalidConfigException extends RuntimeException {
    public InvalidConfigException(String message) {
        super(message);
    }
}
