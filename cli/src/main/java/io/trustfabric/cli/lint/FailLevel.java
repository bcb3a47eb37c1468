package io.trustfabric.cli.lint;

import io.trustfabric.api.v1alpha1.FindingSeverity;

/** --fail-on: the lowest severity that makes tfctl lint exit non-zero. */
enum FailLevel {
    error, warning, info, none;

    boolean fails(FindingSeverity severity) {
        return switch (this) {
            case error -> severity == FindingSeverity.error;
            case warning -> severity != FindingSeverity.info;
            case info -> true;
            case none -> false;
        };
    }
}
