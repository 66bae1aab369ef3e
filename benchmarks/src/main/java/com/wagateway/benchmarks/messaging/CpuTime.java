package com.wagateway.benchmarks.messaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time of a process from {@code /proc/<pid>/stat} (Linux): utime + stime of all its threads. */
public final class CpuTime {

    /** {@code sysconf(_SC_CLK_TCK)}: 100 on every Linux this runs on (x86-64 and arm64 kernels fix USER_HZ at 100). */
    private static final double TICKS_PER_SECOND = 100.0;

    private CpuTime() {}

    public static double ofProcess(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
        // the command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long utime = Long.parseLong(f[11]); // field 14 of the whole line
        long stime = Long.parseLong(f[12]); // field 15
        return (utime + stime) / TICKS_PER_SECOND;
    }

    public static double ofThisProcess() throws IOException {
        return ofProcess(ProcessHandle.current().pid());
    }

    /** The 1-minute load average, to tell a disturbed run. */
    public static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }
}
