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

    private static boolean posix(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        return Files.getFileAttributeView(dir == null ? file : dir, PosixFileAttributeView.class) != null;
    }
}
