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

    @Test
    void aMissingFileOrAPipeIsSaidToBeOneWithoutWaitingForAWriter() throws Exception {
        Path cert = resource("tls/server.pem");
        Path missing = folder.resolve("missing.key");
        ServerSettings settings = ServerSettings.defaults(folder.resolve("models"), folder.resolve("data"))
                .withHost("127.0.0.1").withPort(0).withTls(Optional.of(new ServerSettings.Tls(cert, missing)));
        assertEquals("cannot read the TLS key " + missing + ": no such file", assertThrows(
                java.io.UncheckedIOException.class, () -> TextclfServer.start(settings, Fixtures.components()).close())
                .getMessage());
        Path pipe = folder.resolve("key.fifo");
        org.junit.jupiter.api.Assumptions.assumeTrue(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor()
                == 0, "mkfifo");
        ServerSettings piped = settings.withTls(Optional.of(new ServerSettings.Tls(cert, pipe)));
        assertEquals("cannot read the TLS key " + pipe + ": not a regular file", assertThrows(
                java.io.UncheckedIOException.class, () -> TextclfServer.start(piped, Fixtures.components()).close())
                .getMessage());
    }

    @Test
    void aChainWhoseNextCertificateDidNotIssueThePreviousIsRefused() throws Exception {
        Path chain = java.nio.file.Files.writeString(folder.resolve("chain.pem"),
                java.nio.file.Files.readString(resource("tls/server.pem"))
                        + java.nio.file.Files.readString(resource("tls/unrelated.pem")));
        assertEquals("the TLS certificate chain " + chain + ": certificate 2 (CN=unrelated) did not issue certificate 1 "
                + "(CN=localhost); a chain lists the server's certificate, then the certificate of each issuer in turn",
                refusal(chain, resource("tls/server.key")));
    }

    @Test
    void aDerKeyIsRefusedAsNoPemKey() throws Exception {
        Path der = java.nio.file.Files.write(folder.resolve("server.der"), new byte[] {0x30, (byte) 0x82, 1, 0x22});
        assertEquals("the TLS key " + der + " holds no PEM private key (BEGIN PRIVATE KEY)",
                refusal(resource("tls/server.pem"), der));
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
