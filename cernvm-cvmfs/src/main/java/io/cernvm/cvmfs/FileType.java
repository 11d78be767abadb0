package io.cernvm.cvmfs;

/** What a repository entry is, from the file-type bits of its mode (as the client derives it). */
public enum FileType {
    /** A regular file. */
    FILE,
    /** A directory. */
    DIRECTORY,
    /** A symbolic link. */
    SYMLINK,
    /** A named pipe. */
    FIFO,
    /** A socket. */
    SOCKET,
    /** A character device. */
    CHARACTER_DEVICE,
    /** A block device. */
    BLOCK_DEVICE,
    /** A mode with unknown type bits. */
    OTHER;

    /**
     * @param mode a full {@code st_mode}
     * @return its type
     */
    public static FileType fromMode(int mode) {
        return switch (mode & 0170000) {
            case 0100000 -> FILE;
            case 0040000 -> DIRECTORY;
            case 0120000 -> SYMLINK;
            case 0010000 -> FIFO;
            case 0140000 -> SOCKET;
            case 0020000 -> CHARACTER_DEVICE;
            case 0060000 -> BLOCK_DEVICE;
            default -> OTHER;
        };
    }
}
