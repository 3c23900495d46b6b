// Package bench compares velocy/db with bbolt and SQLite (modernc.org/sqlite)
// on durable commits, concurrent durable writers and point reads. It is a
// module of its own so that velocy/db itself stays standard library only.
package bench
