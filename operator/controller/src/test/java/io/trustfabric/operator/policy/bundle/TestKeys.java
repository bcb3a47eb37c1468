package io.trustfabric.operator.policy.bundle;

/** Fixed key pairs for tests (made once with openssl; never used outside tests). */
public final class TestKeys {

    public static final String P256_PRIVATE = """
            -----BEGIN PRIVATE KEY-----
            MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgQB4yMotCRSjyPjf2
            TphkxjGeF46wdh7OEx9ycnqwGOChRANCAARkaD5aY+hxvTiEJM307Oq2Uo6PaykR
            kNk/+0wkfHblQVx5dwPqHZVEfAZEXhzPCY2DunNZkIbOqBNChTzdKHDX
            -----END PRIVATE KEY-----
            """;
    public static final String P256_PUBLIC = """
            -----BEGIN PUBLIC KEY-----
            MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEZGg+WmPocb04hCTN9OzqtlKOj2sp
            EZDZP/tMJHx25UFceXcD6h2VRHwGRF4czwmNg7pzWZCGzqgTQoU83Shw1w==
            -----END PUBLIC KEY-----
            """;
    public static final String P384_PRIVATE = """
            -----BEGIN PRIVATE KEY-----
            MIG2AgEAMBAGByqGSM49AgEGBSuBBAAiBIGeMIGbAgEBBDDT8oz/E9+Q9D2c44mw
            DgMtbP+ybPTTOSR1gZhxPu7sWwwL2tazzfO72zyAfGRRhvmhZANiAATc91Qc1kX+
            +3zzWFvblX4Ok1LndvzOOK+wwqdGqPshB1RRLJphHXrBWP/B+3Loz2VI1L9dXIEp
            Vsp93x1xy3aP/W+1L/AQ4aUZyfuLmNih2LR/AIg5PAG2QH/kdI2Pw60=
            -----END PRIVATE KEY-----
            """;
    public static final String P384_PUBLIC = """
            -----BEGIN PUBLIC KEY-----
            MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAE3PdUHNZF/vt881hb25V+DpNS53b8zjiv
            sMKnRqj7IQdUUSyaYR16wVj/wfty6M9lSNS/XVyBKVbKfd8dcct2j/1vtS/wEOGl
            Gcn7i5jYodi0fwCIOTwBtkB/5HSNj8Ot
            -----END PUBLIC KEY-----
            """;

    private TestKeys() {
    }

    public static BundleSigningKey fixed() {
        return BundleSigningKey.fromPem(P256_PRIVATE, P256_PUBLIC);
    }

    public static BundleSigner signer() {
        return new BundleSigner(fixed());
    }
}
