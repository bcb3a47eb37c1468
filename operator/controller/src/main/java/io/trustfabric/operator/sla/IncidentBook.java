package io.trustfabric.operator.sla;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trustfabric.api.v1alpha1.SlaIncident;
import io.trustfabric.api.v1alpha1.SlaIncidents;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One tenant's SLA incidents, newest first: at most {@value #MAX_INCIDENTS}, none older than 30 days (an open one is
 * kept whatever its age). Pure: the clock is the caller's; {@link IncidentStore} keeps it in a ConfigMap.
 */
public final class IncidentBook {

    public static final int MAX_INCIDENTS = 200;
    public static final Duration RETENTION = Duration.ofDays(30);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final String tenant;
    private final List<SlaIncident> incidents;

    public IncidentBook(String tenant, List<SlaIncident> incidents) {
        this.tenant = tenant;
        this.incidents = new ArrayList<>(incidents);
    }

    public Optional<SlaIncident> open() {
        return incidents.stream().filter(i -> i.getResolvedAt() == null).findFirst();
    }

    /** Opens an incident {@code <tenant>-<yyyymmdd>-<n>}; when one is open already, returns that one unchanged. */
    public SlaIncident open(String reason, Instant now) {
        Optional<SlaIncident> open = open();
        if (open.isPresent()) {
            return open.get();
        }
        String prefix = tenant + "-" + DAY.format(now) + "-";
        long n = incidents.stream().filter(i -> i.getId() != null && i.getId().startsWith(prefix)).count() + 1;
        SlaIncident incident = new SlaIncident();
        incident.setId(prefix + n);
        incident.setReason(reason);
        incident.setOpenedAt(stamp(now));
        incidents.add(0, incident);
        prune(now);
        return incident;
    }

    /** Records the first acknowledgement; empty when no incident has that id. */
    public Optional<SlaIncident> acknowledge(String id, Instant now) {
        Optional<SlaIncident> found = incidents.stream().filter(i -> i.getId().equals(id)).findFirst();
        found.filter(i -> i.getAcknowledgedAt() == null).ifPresent(i -> i.setAcknowledgedAt(stamp(now)));
        return found;
    }

    /** Resolves the open incident, if any. */
    public Optional<SlaIncident> resolve(Instant now) {
        Optional<SlaIncident> open = open();
        open.ifPresent(i -> i.setResolvedAt(stamp(now)));
        return open;
    }

    /** What status shows: the open incident, the last five, the count and mean times over 30 days. */
    public SlaIncidents summary(Instant now) {
        Instant since = now.minus(RETENTION);
        List<SlaIncident> recent = incidents.stream().filter(i -> !Instant.parse(i.getOpenedAt()).isBefore(since))
                .toList();
        SlaIncidents summary = new SlaIncidents();
        summary.setOpen(open().map(IncidentBook::copy).orElse(null));
        summary.setRecent(new ArrayList<>(incidents.stream().limit(SlaIncidents.MAX_RECENT).map(IncidentBook::copy)
                .toList()));
        summary.setLast30Days((long) recent.size());
        summary.setMttaSeconds(mean(recent, SlaIncident::getAcknowledgedAt));
        summary.setMttrSeconds(mean(recent, SlaIncident::getResolvedAt));
        return summary;
    }

    public List<SlaIncident> incidents() {
        return incidents.stream().map(IncidentBook::copy).toList();
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(incidents);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads what {@link #toJson()} wrote; entries without id or openedAt are dropped, unreadable text is empty. */
    public static IncidentBook fromJson(String tenant, String json) {
        if (json == null || json.isBlank()) {
            return new IncidentBook(tenant, List.of());
        }
        try {
            List<SlaIncident> read = JSON.readValue(json, new TypeReference<List<SlaIncident>>() { });
            return new IncidentBook(tenant, read.stream().filter(i -> i != null && i.getId() != null
                    && parses(i.getOpenedAt())).toList());
        } catch (JsonProcessingException e) {
            return new IncidentBook(tenant, List.of());
        }
    }

    private void prune(Instant now) {
        Instant since = now.minus(RETENTION);
        incidents.removeIf(i -> i.getResolvedAt() != null && Instant.parse(i.getOpenedAt()).isBefore(since));
        while (incidents.size() > MAX_INCIDENTS) {
            incidents.remove(incidents.size() - 1);
        }
    }

    private static Double mean(List<SlaIncident> incidents, java.util.function.Function<SlaIncident, String> end) {
        OptionalDouble mean = incidents.stream().filter(i -> end.apply(i) != null)
                .mapToLong(i -> Duration.between(Instant.parse(i.getOpenedAt()), Instant.parse(end.apply(i)))
                        .toSeconds())
                .average();
        return mean.isPresent() ? mean.getAsDouble() : null;
    }

    private static boolean parses(String time) {
        try {
            Instant.parse(time);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String stamp(Instant now) {
        return now.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static SlaIncident copy(SlaIncident i) {
        return JSON.convertValue(i, SlaIncident.class);
    }
}
