package io.trustfabric.psi.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trustfabric.psi.protocol.KeyEpochContext;
import io.trustfabric.psi.protocol.Normalization;
import io.trustfabric.psi.protocol.PackedElements;
import io.trustfabric.psi.protocol.SetupEncoding;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WireFormatTest {
    private final Random random = new Random(1);

    private PackedElements elements(int count) {
        byte[] bytes = new byte[count * 32];
        random.nextBytes(bytes);
        return new PackedElements(bytes, 32);
    }

    @Test
    void elementBatchHasTheDocumentedLayout() {
        byte[] encoded = ElementBatch.query(0x0102030405060708L, new PackedElements(new byte[64], 32)).encode();
        assertThat(HexFormat.of().formatHex(encoded, 0, 16)).isEqualTo("54460101" + "0102030405060708" + "00000002");
        assertThat(encoded).hasSize(16 + 64);
    }

    @Test
    void elementBatchRoundTrips() {
        PackedElements elements = elements(5);
        ElementBatch decoded = ElementBatch.decode(ElementBatch.answer(9, elements).encode(), MessageKind.EVALUATED_ANSWER);
        assertThat(decoded.epoch()).isEqualTo(9);
        assertThat(decoded.elements().bytes()).isEqualTo(elements.bytes());
    }

    @Test
    void malformedBatchesAreRejected() {
        byte[] good = ElementBatch.query(1, elements(2)).encode();
        assertThatThrownBy(() -> ElementBatch.decode(Arrays.copyOf(good, 3), MessageKind.BLINDED_QUERY))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("4-byte header");
        assertThatThrownBy(() -> ElementBatch.decode(Arrays.copyOf(good, 10), MessageKind.BLINDED_QUERY))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("16-byte header");
        assertThatThrownBy(() -> ElementBatch.decode(Arrays.copyOf(good, good.length - 1), MessageKind.BLINDED_QUERY))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("announces 2 elements");
        byte[] badMagic = good.clone();
        badMagic[0] = 'X';
        assertThatThrownBy(() -> ElementBatch.decode(badMagic, MessageKind.BLINDED_QUERY)).hasMessageContaining("bad magic");
        byte[] badVersion = good.clone();
        badVersion[2] = 2;
        assertThatThrownBy(() -> ElementBatch.decode(badVersion, MessageKind.BLINDED_QUERY))
                .hasMessageContaining("unsupported wire format version 2");
        assertThatThrownBy(() -> ElementBatch.decode(good, MessageKind.EVALUATED_ANSWER))
                .hasMessageContaining("message kind 0x01");
        byte[] hugeCount = good.clone();
        hugeCount[12] = (byte) 0xff;
        assertThatThrownBy(() -> ElementBatch.decode(hugeCount, MessageKind.BLINDED_QUERY))
                .isInstanceOf(WireFormatException.class);
        assertThat(ElementBatch.peekCount(hugeCount)).isEqualTo(0xff000002L);
        assertThat(ElementBatch.peekCount(hugeCount, MessageKind.BLINDED_QUERY)).isEqualTo(0xff000002L);
        byte[] notTf = hugeCount.clone();
        notTf[0] = 'X';
        assertThatThrownBy(() -> ElementBatch.peekCount(notTf, MessageKind.BLINDED_QUERY))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("bad magic");
        assertThatThrownBy(() -> ElementBatch.peekCount(hugeCount, MessageKind.EVALUATED_ANSWER))
                .hasMessageContaining("message kind 0x01");
        assertThatThrownBy(() -> ElementBatch.peekCount(java.util.Arrays.copyOf(good, 10), MessageKind.BLINDED_QUERY))
                .hasMessageContaining("16-byte header");
    }

    @ParameterizedTest
    @EnumSource(SetupEncoding.class)
    void setupRoundTrips(SetupEncoding encoding) {
        PackedElements server = elements(300);
        SetupMessage setup = new SetupMessage(new KeyEpochContext("trust", "acmé", 4),
                Normalization.EMAIL_LOWERCASE, encoding.build(server, 1e-6));
        SetupMessage decoded = SetupMessage.decode(setup.encode());

        assertThat(decoded.context()).isEqualTo(setup.context());
        assertThat(decoded.normalization()).isEqualTo(Normalization.EMAIL_LOWERCASE);
        assertThat(decoded.digest().encoding()).isEqualTo(encoding);
        assertThat(decoded.digest().itemCount()).isEqualTo(300);
        for (int i = 0; i < server.count(); i++) {
            assertThat(decoded.digest().mightContain(server.get(i))).isTrue();
        }
    }

    @Test
    void malformedSetupIsRejected() {
        byte[] good = new SetupMessage(new KeyEpochContext("trust", "acme", 4), Normalization.NONE,
                SetupEncoding.GCS.build(elements(50), 1e-6)).encode();
        assertThatThrownBy(() -> SetupMessage.decode(Arrays.copyOf(good, 20)))
                .isInstanceOf(WireFormatException.class);
        byte[] badEncoding = good.clone();
        badEncoding[12] = 9;
        assertThatThrownBy(() -> SetupMessage.decode(badEncoding))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("unknown setup encoding code 9");
        byte[] extra = Arrays.copyOf(good, good.length + 1);
        assertThatThrownBy(() -> SetupMessage.decode(extra)).hasMessageContaining("setup payload announces");
    }
}
