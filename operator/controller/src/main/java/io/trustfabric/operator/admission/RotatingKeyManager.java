package io.trustfabric.operator.admission;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The HTTPS server's key manager: hands out whatever serving certificate was loaded last, so a rotated certificate is
 * used from the next TLS handshake on, without restarting the server. Each loaded certificate gets its own alias and
 * the previous one stays resolvable, so a handshake that chose an alias just before a rotation still gets the key
 * that belongs to its certificate.
 */
final class RotatingKeyManager extends X509ExtendedKeyManager {

    private static final String ALIAS_PREFIX = "serving-";
    private static final int KEPT = 2;

    private final Map<String, TlsMaterial> byAlias = new LinkedHashMap<>();
    private long generation;
    private String current;

    /** Serves this material from the next handshake on. */
    synchronized void use(TlsMaterial material) {
        if (current != null && byAlias.get(current).serving().equals(material.serving())) {
            return;
        }
        current = ALIAS_PREFIX + (++generation);
        byAlias.put(current, material);
        while (byAlias.size() > KEPT) {
            byAlias.remove(byAlias.keySet().iterator().next());
        }
    }

    /** The certificate handshakes get now; null before the first {@link #use}. */
    synchronized X509Certificate serving() {
        return current == null ? null : byAlias.get(current).serving();
    }

    @Override
    public synchronized String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return serverAlias(keyType);
    }

    @Override
    public synchronized String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return serverAlias(keyType);
    }

    @Override
    public synchronized String[] getServerAliases(String keyType, Principal[] issuers) {
        String alias = serverAlias(keyType);
        return alias == null ? null : new String[] {alias};
    }

    @Override
    public synchronized X509Certificate[] getCertificateChain(String alias) {
        TlsMaterial material = byAlias.get(alias);
        return material == null ? null : new X509Certificate[] {material.serving()};
    }

    @Override
    public synchronized PrivateKey getPrivateKey(String alias) {
        TlsMaterial material = byAlias.get(alias);
        return material == null ? null : material.servingKey();
    }

    /** The key is EC: offered for the ECDSA signature schemes (key type "EC") only. */
    private String serverAlias(String keyType) {
        return current != null && "EC".equals(keyType) ? current : null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return null;
    }
}
