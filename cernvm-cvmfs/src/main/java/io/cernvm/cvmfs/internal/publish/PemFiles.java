package io.cernvm.cvmfs.internal.publish;

import io.cernvm.api.FaultLocation;
import io.cernvm.api.NotFoundException;
import io.cernvm.api.TrustException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * PEM encoding of the key files upstream's {@code cvmfs_server} writes with {@code openssl}:
 * PKCS#8 {@code PRIVATE KEY} (OpenSSL 3's {@code genrsa}; the traditional {@code RSA PRIVATE KEY}
 * form is read too), {@code PUBLIC KEY} (SubjectPublicKeyInfo) and {@code CERTIFICATE}.
 */
public final class PemFiles {
    private PemFiles() {
    }

    /** @return the PEM text of a private key in PKCS#8 form */
    public static String privateKey(PrivateKey key) {
        try {
            return write(new JcaPKCS8Generator(key, null).generate());
        } catch (org.bouncycastle.util.io.pem.PemGenerationException e) {
            throw new IllegalStateException("cannot encode private key", e);
        }
    }

    /** @return the PEM text of a public key or certificate */
    public static String encode(Object keyOrCertificate) {
        return write(keyOrCertificate);
    }

    private static String write(Object o) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** @return the private key in a PEM file */
    public static PrivateKey readPrivateKey(Path file) {
        Object o = readObject(file);
        try {
            JcaPEMKeyConverter c = new JcaPEMKeyConverter();
            if (o instanceof PrivateKeyInfo info) {
                return c.getPrivateKey(info);
            }
            if (o instanceof PEMKeyPair pair) {
                return c.getKeyPair(pair).getPrivate();
            }
        } catch (PEMException e) {
            throw new TrustException("unreadable private key: " + e.getMessage(), at(file), e);
        }
        throw new TrustException("not a PEM private key", at(file));
    }

    /** @return the public key in a PEM file */
    public static PublicKey readPublicKey(Path file) {
        Object o = readObject(file);
        try {
            if (o instanceof SubjectPublicKeyInfo info) {
                return new JcaPEMKeyConverter().getPublicKey(info);
            }
        } catch (PEMException e) {
            throw new TrustException("unreadable public key: " + e.getMessage(), at(file), e);
        }
        throw new TrustException("not a PEM public key", at(file));
    }

    /** @return the certificate in a PEM file */
    public static X509Certificate readCertificate(Path file) {
        Object o = readObject(file);
        if (o instanceof X509CertificateHolder holder) {
            try {
                return new JcaX509CertificateConverter().getCertificate(holder);
            } catch (CertificateException e) {
                throw new TrustException("unreadable certificate: " + e.getMessage(), at(file), e);
            }
        }
        throw new TrustException("not a PEM certificate", at(file));
    }

    private static Object readObject(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser p = new PEMParser(r)) {
            Object o = p.readObject();
            if (o == null) {
                throw new TrustException("no PEM object in file", at(file));
            }
            return o;
        } catch (NoSuchFileException e) {
            throw new NotFoundException("key file missing", at(file), e);
        } catch (IOException e) {
            throw new TrustException("unreadable key file: " + e.getMessage(), at(file), e);
        }
    }

    private static FaultLocation at(Path file) {
        return FaultLocation.atPath(file.toString());
    }
}
