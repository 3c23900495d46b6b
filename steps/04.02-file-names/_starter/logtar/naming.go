package logtar

// File names are the prefix, the UTC time the file was opened, and ".log":
//
//	logtar_2024-05-06T07-08-09.123Z.log
//
// The time is written with the biggest unit first and fixed-width fields,
// so sorting the names as text sorts the files by time. (Colons, as in
// 07:08:09, are not allowed in Windows file names, so the clock uses
// dashes.) When a second file is opened in the same millisecond, it gets a
// sequence number:
//
//	logtar_2024-05-06T07-08-09.123Z.log
//	logtar_2024-05-06T07-08-09.123Z_000001.log
//	logtar_2024-05-06T07-08-09.123Z_000002.log
//
// "_" sorts after ".", so the numbered files come after the first one, and
// the zero padding keeps 2 before 10. Files are created with O_EXCL, which
// fails if the name exists, so not even another process writing to the
// same directory can make two files share a name.

// stampLayout formats the time part of a file name.
//
// TODO(04.02-file-names): write the layout, in Go's reference time
// (Mon Jan 2 15:04:05 MST 2006), that formats a UTC time as
// 2024-05-06T07-08-09.123Z.
const stampLayout = ""

// maxSameStamp bounds the sequence numbers tried for one millisecond, so a
// directory full of clashing names gives an error rather than a long loop.
const maxSameStamp = 1_000_000

// fileName returns the name of the seq-th file opened in the millisecond
// stamp.
func fileName(prefix, stamp string, seq int) string {
	// TODO(04.02-file-names): prefix + stamp + ".log" for seq 0; for the
	// others, "_" and seq in six digits, padded with zeros, before ".log".
	return ""
}
