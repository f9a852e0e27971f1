package io.queuelens.vault.control;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The vault's key file: one key per line, {@code <keyId>=<base64 of 32 random bytes>}, the last line
 * being the key new values are encrypted with (a rotation appends a line and re-encrypts; older lines
 * stay so values not yet re-encrypted still open). Created on first use with permissions 0600 from the
 * start (never world-readable, not even for a moment); a file others can read is refused, since anyone
 * holding it and a database dump holds every source's credentials.
 */
public final class KeyFile {

    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    private KeyFile() {
    }

    /** The cipher of the keys in {@code file}, creating the file with one new key when it does not exist. */
    public static SecretCipher openOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            return read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the vault key file " + file + " (" + e.getMessage()
                    + "); set QUEUELENS_VAULT_KEY_FILE to a writable place", e);
        }
    }

    private static void create(Path file) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String line = "k1=" + Base64.getEncoder().encodeToString(key) + "\n";
        try {
            if (posix(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException raced) {
            return; // another instance created it first: use theirs
        }
        Files.writeString(file, line, StandardCharsets.US_ASCII);
    }

    static SecretCipher read(Path file) throws IOException {
        if (posix(file)) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.stream().anyMatch(OTHERS::contains)) {
                throw new IOException("the key file is accessible to other users (" + PosixFilePermissions.toString(perms)
                        + "); run 'chmod 600 " + file + "'");
            }
        }
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        String current = null;
        List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            byte[] key;
            try {
                key = eq < 0 ? null : Base64.getDecoder().decode(line.substring(eq + 1).strip());
            } catch (IllegalArgumentException e) {
                key = null;
            }
            String id = eq < 0 ? "" : line.substring(0, eq).strip();
            if (key == null || key.length != 32 || !SecretCipher.KEY_ID.matcher(id).matches()) {
                throw new IOException("line " + (i + 1) + " is not '<key id>=<base64 of 32 bytes>'");
            }
            keys.put(id, new SecretKeySpec(key, "AES"));
            current = id;
        }
        if (current == null) {
            throw new IOException("the key file holds no key");
        }
        return new SecretCipher(keys, current, "the key file " + file);
    }

    /**
     * Appends a new random key as the current one (a key rotation's first step) and returns its id,
     * {@code k<n+1>} after the highest {@code k<n>}. Written to a temporary file (0600) and moved over the
     * key file atomically, so a crash leaves the old file or the new one, never half of one.
     */
    public static String addKey(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        int highest = 0;
        for (String id : read(file).keyIds()) {
            if (id.matches("k\\d{1,9}")) {
                highest = Math.max(highest, Integer.parseInt(id.substring(1)));
            }
        }
        String id = "k" + (highest + 1);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        List<String> out = new java.util.ArrayList<>(lines);
        out.add(id + "=" + Base64.getEncoder().encodeToString(key));
        replace(file, out);
        return id;
    }

    /** Removes every key but {@code keyId} (a key rotation's last step, once no value needs the others). */
    public static void keepOnly(Path file, String keyId) throws IOException {
        List<String> kept = Files.readAllLines(file, StandardCharsets.US_ASCII).stream()
                .filter(l -> l.strip().startsWith(keyId + "=") || l.strip().startsWith("#")).toList();
        if (kept.stream().noneMatch(l -> l.strip().startsWith(keyId + "="))) {
            throw new IOException("key " + keyId + " is not in " + file);
        }
        replace(file, kept);
    }

    private static void replace(Path file, List<String> lines) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = posix(file)
                ? Files.createTempFile(dir, ".vault-key-", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createTempFile(dir, ".vault-key-", ".tmp");
        try {
            Files.writeString(tmp, String.join("\n", lines) + "\n", StandardCharsets.US_ASCII);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static boolean posix(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        return Files.getFileAttributeView(dir == null ? file : dir, PosixFileAttributeView.class) != null;
    }
}
