package org.ipctoolkit.core.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.ipctoolkit.core.IpcException;

/**
 * What {@code stat(2)} says of a file, read through the JDK's {@code unix} attribute view (so no
 * architecture-specific {@code struct stat} is declared). An open descriptor is read through
 * {@code /proc/self/fd/N}, which reaches the file even after its name was removed.
 *
 * @param dev  device number
 * @param ino  inode number
 * @param uid  owner's user id
 * @param mode file type and permission bits ({@code st_mode})
 * @param size size in bytes
 */
public record FileIdentity(long dev, long ino, int uid, int mode, long size) {
    private static final String ATTRIBUTES = "unix:dev,ino,uid,mode,size";

    /**
     * Reads the identity of the file an open descriptor refers to.
     *
     * @param fd   the descriptor
     * @param kind the kind of object, for the error message
     * @param name the object's name, for the error message
     * @return its identity
     */
    public static FileIdentity ofDescriptor(int fd, String kind, String name) {
        try {
            return read(Path.of("/proc/self/fd/" + fd));
        } catch (IOException e) {
            throw new IpcException(kind, name, "fstat", null, "cannot read /proc/self/fd/" + fd + ": " + e);
        }
    }

    /**
     * Reads the identity of the file a path names, without following a symbolic link.
     *
     * @param path the path
     * @return its identity, or null if nothing has that name
     * @throws IOException if the path exists but cannot be read
     */
    public static FileIdentity ofPath(Path path) throws IOException {
        try {
            return read(path, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static FileIdentity read(Path path, LinkOption... options) throws IOException {
        Map<String, Object> a = Files.readAttributes(path, ATTRIBUTES, options);
        return new FileIdentity((Long) a.get("dev"), (Long) a.get("ino"), (Integer) a.get("uid"),
                (Integer) a.get("mode"), (Long) a.get("size"));
    }

    /** @return true if this is a regular file */
    public boolean isRegularFile() {
        return (mode & LinuxConstants.S_IFMT) == LinuxConstants.S_IFREG;
    }

    /**
     * @param other another identity, may be null
     * @return true if both are the same file (same device and inode)
     */
    public boolean sameFile(FileIdentity other) {
        return other != null && other.dev == dev && other.ino == ino;
    }
}
