package io.textclf.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS files that cannot work are refused when the server starts, saying why. */
class TlsMaterialTest {

    @TempDir
    Path folder;

    @Test
    void aKeyThatDoesNotBelongToTheCertificateIsRefused() throws Exception {
        Path cert = resource("tls/server.pem");
        Path key = resource("tls/other.key");
        assertEquals("the TLS key " + key + " does not belong to the certificate " + cert
                        + " (its public key is another); give the key the certificate was made for",
                refusal(cert, key));
    }

    @Test
    void aPkcs1KeyIsRefusedWithTheCommandThatConvertsIt() throws Exception {
        Path key = resource("tls/rsa-pkcs1.key");
        assertEquals("the TLS key " + key + " is a PKCS#1 RSA key (BEGIN RSA PRIVATE KEY); the server needs "
                        + "PKCS#8 (BEGIN PRIVATE KEY): convert it with "
                        + "openssl pkcs8 -topk8 -nocrypt -in " + key + " -out server-pkcs8.key",
                refusal(resource("tls/server.pem"), key));
    }

    @Test
    void aCertificateFileWithoutACertificateIsRefused() throws Exception {
        Path key = resource("tls/server.key");
        assertEquals("the TLS certificate chain " + key + " holds no PEM certificate (BEGIN CERTIFICATE)",
                refusal(key, key));
    }

    private String refusal(Path cert, Path key) {
        ServerSettings settings = ServerSettings.defaults(folder.resolve("models"), folder.resolve("data"))
                .withHost("127.0.0.1").withPort(0).withTls(Optional.of(new ServerSettings.Tls(cert, key)));
        return assertThrows(IllegalArgumentException.class, () -> TextclfServer.start(settings, Fixtures.components())
                .close()).getMessage();
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(TlsMaterialTest.class.getClassLoader().getResource(name).toURI());
    }
}
