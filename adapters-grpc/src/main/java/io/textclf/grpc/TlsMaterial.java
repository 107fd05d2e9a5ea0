package io.textclf.grpc;

import io.textclf.modelformat.AtomicFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the server's TLS files before it listens: a PEM certificate chain and an unencrypted PKCS#8
 * private key that belongs to the chain's first certificate. A mismatch would otherwise fail every
 * handshake with nothing logged.
 */
final class TlsMaterial {

    private static final Pattern PEM_KEY = Pattern.compile(
            "-----BEGIN ([A-Z ]*PRIVATE KEY)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448");

    private TlsMaterial() {
    }

    /**
     * @throws IllegalArgumentException naming the file and what is wrong with it
     */
    static void check(ServerSettings.Tls tls) {
        Certificate certificate = firstCertificate(tls.certificateChain());
        PrivateKey key = privateKey(tls.privateKey());
        if (!belongTogether(key, certificate.getPublicKey())) {
            throw new IllegalArgumentException("the TLS key " + tls.privateKey() + " does not belong to the certificate "
                    + tls.certificateChain() + " (its public key is another); give the key the certificate was made for");
        }
    }

    /** The bytes of {@code file}, or a refusal naming it as {@code what}: missing, no regular file (a pipe), unreadable. */
    private static byte[] read(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            String message = "cannot read " + what + " " + file + ": "
                    + (Files.exists(file) ? "not a regular file" : "no such file");
            throw new UncheckedIOException(message, new IOException(message));
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + what + " " + file + ": " + AtomicFiles.reason(e, file), e);
        }
    }

    private static Certificate firstCertificate(Path file) {
        Collection<? extends Certificate> chain;
        try {
            chain = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(read(file, "the TLS certificate chain")));
        } catch (CertificateException e) {
            chain = List.of();
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("the TLS certificate chain " + file
                    + " holds no PEM certificate (BEGIN CERTIFICATE)");
        }
        List<? extends Certificate> ordered = List.copyOf(chain);
        for (int i = 0; i + 1 < ordered.size(); i++) {
            if (ordered.get(i) instanceof X509Certificate issued && ordered.get(i + 1) instanceof X509Certificate issuer
                    && !issued.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
                throw new IllegalArgumentException("the TLS certificate chain " + file + ": certificate " + (i + 2)
                        + " (" + issuer.getSubjectX500Principal() + ") did not issue certificate " + (i + 1) + " ("
                        + issued.getSubjectX500Principal() + "); a chain lists the server's certificate, then the "
                        + "certificate of each issuer in turn");
            }
        }
        return ordered.get(0);
    }

    private static PrivateKey privateKey(Path file) {
        // PEM is ASCII; other bytes (a DER key) match no PEM block and are refused below as no PEM key
        String text = new String(read(file, "the TLS key"), StandardCharsets.ISO_8859_1);
        Matcher pem = PEM_KEY.matcher(text);
        if (!pem.find()) {
            throw new IllegalArgumentException("the TLS key " + file + " holds no PEM private key (BEGIN PRIVATE KEY)");
        }
        String kind = pem.group(1);
        switch (kind) {
            case "PRIVATE KEY" -> {
                return pkcs8(file, Base64.getMimeDecoder().decode(pem.group(2)));
            }
            case "RSA PRIVATE KEY", "EC PRIVATE KEY" -> throw new IllegalArgumentException("the TLS key " + file
                    + " is a " + (kind.startsWith("RSA") ? "PKCS#1 RSA" : "SEC1 EC") + " key (BEGIN " + kind
                    + "); the server needs PKCS#8 (BEGIN PRIVATE KEY): convert it with "
                    + "openssl pkcs8 -topk8 -nocrypt -in " + file + " -out server-pkcs8.key");
            case "ENCRYPTED PRIVATE KEY" -> throw new IllegalArgumentException("the TLS key " + file
                    + " is encrypted; the server needs it unencrypted: openssl pkcs8 -topk8 -nocrypt -in " + file
                    + " -out server-pkcs8.key (asks for the passphrase)");
            default -> throw new IllegalArgumentException("the TLS key " + file + " is a " + kind
                    + "; the server needs a PKCS#8 key (BEGIN PRIVATE KEY)");
        }
    }

    private static PrivateKey pkcs8(Path file, byte[] der) {
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // not this algorithm: try the next
            }
        }
        throw new IllegalArgumentException("the TLS key " + file + " is not a valid PKCS#8 RSA, EC or EdDSA key");
    }

    /** Whether a signature made with {@code key} verifies with {@code publicKey}. */
    private static boolean belongTogether(PrivateKey key, PublicKey publicKey) {
        if (!key.getAlgorithm().equals(publicKey.getAlgorithm())) {
            return false;
        }
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm();
        };
        byte[] challenge = new byte[32];
        new SecureRandom().nextBytes(challenge);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
