// Package upload receives multipart/form-data uploads streamed to disk:
// never a whole body in memory, every limit checked while the bytes
// arrive, file names and types not taken on the client's word, and nothing
// left behind when anything goes wrong.
//
// Chapter 8 of learn-go-hard-way builds this package. A handler:
//
//	dst, err := os.OpenRoot("uploads")
//	...
//	mux.Handle("POST /upload", middleware.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
//		form, err := upload.Save(w, r, dst, upload.Options{
//			Limits:       upload.Limits{MaxFileBytes: 100 << 20, MaxBodyBytes: 101 << 20},
//			AllowedTypes: []string{"image/*", "application/pdf"},
//		})
//		if err != nil {
//			return err // 413, 415, 400 or 499 as a problem, or a 500
//		}
//		return json.NewEncoder(w).Encode(form.Files)
//	}))
//
// The pieces, one file each:
//
//   - limits.go: [Limits] on the body, each file, each field, each part
//     header and the number of parts, and the errors they produce
//     (*middleware.BodyError, which carries its status);
//   - sanitize.go: [SanitizeFilename], for the client's name, kept only as
//     metadata: files are stored under random names;
//   - sniff.go: the type of a file from its first 512 bytes, against an
//     allow-list;
//   - stream.go: [Save], which reads part after part with mime/multipart's
//     Reader, keeps the fields, and removes everything on any error, the
//     client going away included;
//   - file.go: one file part to one [File]: a temporary name, the checks
//     while it streams, and a rename into place when complete;
//   - progress.go: a [Progress] hook called at a bounded rate;
//   - resumable.go: [Resumable], tus-style uploads that survive a broken
//     connection (POST to create, HEAD for the offset, PATCH to append
//     from Upload-Offset).
//
// The destination is an [os.Root], so no name can leave it.
package upload
