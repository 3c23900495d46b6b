package logtar

import "fmt"

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
const stampLayout = "2006-01-02T15-04-05.000Z"

// maxSameStamp bounds the sequence numbers tried for one millisecond, so a
// directory full of clashing names gives an error rather than a long loop.
const maxSameStamp = 1_000_000

// fileName returns the name of the seq-th file opened in the millisecond
// stamp.
func fileName(prefix, stamp string, seq int) string {
	if seq == 0 {
		return prefix + stamp + ".log"
	}
	return fmt.Sprintf("%s%s_%06d.log", prefix, stamp, seq)
}
