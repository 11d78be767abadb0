package io.cernvm.testkit.userdata;

import java.util.List;
import java.util.Objects;

/**
 * A generated MIME document and the leaf parts a decoder should find in it, in document order.
 *
 * @param bytes  the document (copied in and out)
 * @param leaves the non-multipart parts, with decoded payloads
 */
public record MimeTree(byte[] bytes, List<GeneratedPart> leaves) {

    /** Copies the components. */
    public MimeTree {
        bytes = Objects.requireNonNull(bytes, "bytes").clone();
        leaves = List.copyOf(leaves);
    }

    /** @return a copy of the document */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MimeTree t && java.util.Arrays.equals(bytes, t.bytes) && leaves.equals(t.leaves);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(bytes) * 31 + leaves.hashCode();
    }

    @Override
    public String toString() {
        return "MimeTree[" + bytes.length + " bytes, " + leaves.size() + " leaves]";
    }
}
