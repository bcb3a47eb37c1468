package io.trustfabric.bench.openmined;

import io.trustfabric.psi.group.Curve25519Group;
import io.trustfabric.psi.group.PrimeOrderGroup;
import io.trustfabric.psi.group.Scalar;
import io.trustfabric.psi.protocol.KeyEpochContext;
import io.trustfabric.psi.protocol.Normalization;
import io.trustfabric.psi.protocol.PackedElements;
import io.trustfabric.psi.protocol.PartnerQuery;
import io.trustfabric.psi.protocol.PsiMode;
import io.trustfabric.psi.protocol.ServerEvaluator;
import io.trustfabric.psi.protocol.ServerSetDigest;
import io.trustfabric.psi.protocol.SetupEncoding;
import io.trustfabric.psi.wire.ElementBatch;
import io.trustfabric.psi.wire.MessageKind;
import io.trustfabric.psi.wire.SetupMessage;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * Our PSI-CA through psi-core, cut at the same boundaries as psi.js's API so the timings compare:
 * every step takes and returns wire bytes, as psi.js's steps take and return (de)serialized protobufs.
 * <ul>
 *   <li>{@link #createSetupMessage} ~ {@code server.createSetupMessage(fpr, numClientInputs, items)}</li>
 *   <li>{@link #createRequest} ~ {@code client.createRequest(items)}</li>
 *   <li>{@link #processRequest} ~ {@code server.processRequest(request)}</li>
 *   <li>{@link #intersectionSize} ~ {@code client.getIntersectionSize(setup, response)}</li>
 * </ul>
 * Everything runs on the calling thread, like psi.js's WebAssembly.
 */
final class TrustFabricPsiSession {
    private static final KeyEpochContext CONTEXT = new KeyEpochContext("bench", "openmined-comparison", 1);
    private static final Normalization NORMALIZATION = Normalization.NONE;

    private final PrimeOrderGroup group = new Curve25519Group();
    private final ServerEvaluator evaluator = new ServerEvaluator(group);
    private final SecureRandom random = new SecureRandom();
    private final Scalar serverKey = group.randomScalar(random);

    /** A client request: the wire bytes sent to the server and the query that can unblind the answer. */
    record Request(byte[] wire, PartnerQuery query) {
    }

    /**
     * H(y)^b for every item, published as a Golomb-compressed set. psi.js's {@code fpr} bounds false positives
     * over a whole request of {@code numClientInputs} elements and is divided by it; ours is per element, so the
     * same division gives both digests the same parameters.
     */
    byte[] createSetupMessage(double fpr, int numClientInputs, List<String> items) {
        List<byte[]> messages = new ArrayList<>(items.size());
        for (String item : items) {
            messages.add(NORMALIZATION.apply(item));
        }
        PackedElements evaluated = PackedElements.allocate(items.size(), group.elementBytes());
        evaluator.evaluateItems(serverKey, CONTEXT.dst(), messages, 0, messages.size(), evaluated);
        ServerSetDigest digest = SetupEncoding.GCS.build(evaluated, fpr / numClientInputs);
        return new SetupMessage(CONTEXT, NORMALIZATION, digest).encode();
    }

    Request createRequest(List<String> items) {
        PartnerQuery query = PartnerQuery.blind(group, CONTEXT, NORMALIZATION, items, random);
        return new Request(ElementBatch.query(CONTEXT.epoch(), query.blinded()).encode(), query);
    }

    /** (H(x)^a)^b for each element, shuffled (cardinality mode, as psi.js without revealIntersection). */
    byte[] processRequest(byte[] requestWire) {
        ElementBatch query = ElementBatch.decode(requestWire, MessageKind.BLINDED_QUERY);
        PackedElements answer = evaluator.answer(serverKey, query.elements(), PsiMode.PSI_CA, random);
        return ElementBatch.answer(query.epoch(), answer).encode();
    }

    int intersectionSize(byte[] setupWire, Request request, byte[] responseWire) {
        SetupMessage setup = SetupMessage.decode(setupWire);
        ElementBatch answer = ElementBatch.decode(responseWire, MessageKind.EVALUATED_ANSWER);
        return request.query().countMatches(answer.elements(), setup.digest());
    }
}
