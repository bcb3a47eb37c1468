package io.trustfabric.operator.whatif;

import io.trustfabric.operator.policy.decisions.DecisionLog;
import io.trustfabric.operator.policy.decisions.DecisionRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The decisions the operator recorded for a scenario's tenant and window, oldest first. */
final class RecordedTraffic {

    private RecordedTraffic() {
    }

    /** The recorded decisions of {@code [windowStart, windowEnd)}; fails NoRecordedTraffic when there are none. */
    static List<DecisionRecord> of(DecisionLog log, ScenarioRequest request) throws ScenarioFailure {
        List<DecisionRecord> records = new ArrayList<>(log.recent(request.namespace(), request.tenantName(),
                request.windowStart(), Integer.MAX_VALUE).stream()
                .filter(r -> r.timestamp().isBefore(request.windowEnd()))
                .toList());
        records.sort(Comparator.comparing(DecisionRecord::timestamp));
        if (records.isEmpty()) {
            throw new ScenarioFailure("NoRecordedTraffic", "The operator holds no recorded decisions of Tenant '"
                    + request.tenantName() + "' between " + request.windowStart() + " and " + request.windowEnd()
                    + ". Decisions are kept in the leader's memory for 24 hours (and start empty after a restart"
                    + " or a change of leader); send traffic, then edit the scenario (or recreate it) to run again.");
        }
        return records;
    }
}
