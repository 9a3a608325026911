package dev.chatsuite.media.upload;

/** A client's file name made safe to store and to put in a Content-Disposition header. */
final class FileNames {

    private static final int MAX = 200;

    private FileNames() {
    }

    static String clean(String raw) {
        if (raw == null) {
            return "file";
        }
        String name = raw.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        name = name.replaceAll("[\\p{Cntrl}\"]", "").strip();
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            return "file";
        }
        return name.length() > MAX ? name.substring(name.length() - MAX) : name;
    }
}
