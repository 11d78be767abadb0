package io.cernvm.cvmfs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import javax.crypto.Cipher;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/** Re-signs fixture files with the fixture's private keys, to build tampered and renewed cases. */
public final class FixtureSigning {

    private FixtureSigning() {
    }

    /**
     * @param pemFile a PEM private key (PKCS#1 or PKCS#8)
     * @return the key
     * @throws IOException on a read failure
     */
    public static PrivateKey privateKey(Path pemFile) throws IOException {
        try (PEMParser p = new PEMParser(Files.newBufferedReader(pemFile))) {
            Object o = p.readObject();
            JcaPEMKeyConverter c = new JcaPEMKeyConverter();
            if (o instanceof PEMKeyPair kp) {
                return c.getKeyPair(kp).getPrivate();
            }
            if (o instanceof PrivateKeyInfo info) {
                return c.getPrivateKey(info);
            }
            throw new IOException("not a private key: " + pemFile);
        }
    }

    /**
     * @param letter the text to sign, ending in a newline
     * @return its SHA-1 hex
     */
    public static String sha1Hex(String letter) {
        return io.cernvm.cvmfs.internal.object.ContentHash.of(io.cernvm.cvmfs.internal.object.HashAlgorithm.SHA1,
                letter.getBytes(StandardCharsets.UTF_8), io.cernvm.cvmfs.internal.object.ObjectType.FILE).toString();
    }

    /**
     * A manifest signed as the server does: SHA1withRSA over the hash line.
     *
     * @param letter      the fields, ending in a newline
     * @param hashLine    the hash line to write
     * @param certKey     the certificate's private key
     * @return the file bytes
     * @throws GeneralSecurityException on a signing failure
     */
    public static byte[] manifest(String letter, String hashLine, PrivateKey certKey) throws GeneralSecurityException {
        Signature s = Signature.getInstance("SHA1withRSA");
        s.initSign(certKey);
        s.update(hashLine.getBytes(StandardCharsets.US_ASCII));
        return assemble(letter, hashLine, s.sign());
    }

    /**
     * A whitelist signed as the server does: raw PKCS#1 over the hash line.
     *
     * @param letter    the lines, ending in a newline
     * @param masterKey the master private key
     * @return the file bytes
     * @throws GeneralSecurityException on a signing failure
     */
    public static byte[] whitelist(String letter, PrivateKey masterKey) throws GeneralSecurityException {
        String hashLine = sha1Hex(letter);
        Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        rsa.init(Cipher.ENCRYPT_MODE, masterKey);
        return assemble(letter, hashLine, rsa.doFinal(hashLine.getBytes(StandardCharsets.US_ASCII)));
    }

    /**
     * @param letter   the signed text
     * @param hashLine the hash line
     * @param sig      the signature
     * @return the file bytes
     */
    public static byte[] assemble(String letter, String hashLine, byte[] sig) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(letter.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(("--\n" + hashLine + "\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(sig);
        return out.toByteArray();
    }

    /**
     * @param file a signed file
     * @return its letter (up to and including the newline before {@code --})
     */
    public static String letterOf(byte[] file) {
        String s = new String(file, StandardCharsets.ISO_8859_1);
        int i = s.indexOf("\n--\n");
        return new String(file, 0, i + 1, StandardCharsets.UTF_8);
    }

    /**
     * @param pem PEM text
     * @return the DER of its first block
     */
    public static byte[] pemBody(String pem) {
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    /**
     * @param k a key
     * @return it as PKCS#8, for JDK use
     * @throws GeneralSecurityException never for RSA
     */
    public static PrivateKey normalize(PrivateKey k) throws GeneralSecurityException {
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(k.getEncoded()));
    }
}
