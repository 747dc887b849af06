package io.canopy.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalSecretsTest {

    @TempDir
    Path dir;

    @Test
    void secretsAreGeneratedOnceAndReusedAcrossRestarts() throws Exception {
        LocalSecrets first = new LocalSecrets(dir);
        String admin = first.adminToken(null);
        String service = first.serviceToken();
        String sealing = first.sealingKey();
        LocalSecrets again = new LocalSecrets(dir);

        assertThat(again.adminToken("")).isEqualTo(admin).hasSize(48);
        assertThat(again.serviceToken()).isEqualTo(service).isNotEqualTo(admin);
        assertThat(Base64.getDecoder().decode(again.sealingKey())).hasSize(32);
        assertThat(again.sealingKey()).isEqualTo(sealing);
        assertThat(again.adminToken("from-env")).as("CANOPY_ADMIN_TOKEN wins").isEqualTo("from-env");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("sealing-key-k1"))))
                .isEqualTo("rw-------");
    }

    @Test
    void theJwtKeyPairIsAValidRsaPairInPemFiles() throws Exception {
        LocalSecrets secrets = new LocalSecrets(dir);
        String publicPem = Files.readString(secrets.jwtPublicKey());
        String privatePem = Files.readString(secrets.jwtPrivateKey());
        assertThat(publicPem).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(privatePem).startsWith("-----BEGIN PRIVATE KEY-----");
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        rsa.generatePublic(new X509EncodedKeySpec(der(publicPem)));
        rsa.generatePrivate(new PKCS8EncodedKeySpec(der(privatePem)));
        assertThat(Files.readString(new LocalSecrets(dir).jwtPublicKey())).isEqualTo(publicPem);
    }

    private static byte[] der(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    }
}
