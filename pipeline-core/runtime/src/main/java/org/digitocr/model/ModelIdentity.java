package org.digitocr.model;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import org.digitocr.provenance.ModelCard;

/**
 * Which model read a row: an id a person can read ({@code name@createdAt#} and the first 12 hex digits of the
 * MD5 of its networks, so a retrained model never shares an id) and the SHA-256 of its card, which carries the
 * calibration and the whole provenance. Every output row carries both.
 */
public record ModelIdentity(String id, String cardSha256) {
    /** The identity of a model from its card, the card's bytes and its network files' bytes in member order. */
    public static ModelIdentity of(ModelCard card, byte[] cardBytes, List<byte[]> networks) {
        MessageDigest md5 = digest("MD5");
        networks.forEach(md5::update);
        String nets = HexFormat.of().formatHex(md5.digest()).substring(0, 12);
        return new ModelIdentity(card.name() + "@" + card.createdAt() + "#" + nets,
                HexFormat.of().formatHex(digest("SHA-256").digest(cardBytes)));
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
