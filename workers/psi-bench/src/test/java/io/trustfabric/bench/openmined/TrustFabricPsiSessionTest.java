package io.trustfabric.bench.openmined;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trustfabric.psi.group.InvalidElementException;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrustFabricPsiSessionTest {
    private final TrustFabricPsiSession session = new TrustFabricPsiSession();

    @Test
    void countsTheIntersectionThroughTheWireBytes() {
        byte[] setup = session.createSetupMessage(1e-9, 32, SyntheticItems.server(300));
        TrustFabricPsiSession.Request request = session.createRequest(SyntheticItems.client(300, 32));

        byte[] response = session.processRequest(request.wire());

        assertThat(session.intersectionSize(setup, request, response)).isEqualTo(16);
    }

    @Test
    void anotherServerKeyFindsNothing() {
        TrustFabricPsiSession otherServer = new TrustFabricPsiSession();
        byte[] setup = session.createSetupMessage(1e-9, 32, SyntheticItems.server(300));
        TrustFabricPsiSession.Request request = session.createRequest(SyntheticItems.client(300, 32));

        byte[] response = otherServer.processRequest(request.wire());

        assertThat(session.intersectionSize(setup, request, response)).isZero();
    }

    @Test
    void processingRefusesARequestWithAPointOffTheCurve() {
        TrustFabricPsiSession.Request request = session.createRequest(List.of("a@example.com", "b@example.com"));
        byte[] tampered = request.wire().clone();
        // u = 2 is on the twist of Curve25519, never a valid blinded element
        java.util.Arrays.fill(tampered, tampered.length - 32, tampered.length, (byte) 0);
        tampered[tampered.length - 32] = 2;

        assertThatThrownBy(() -> session.processRequest(tampered)).isInstanceOf(InvalidElementException.class);
    }
}
