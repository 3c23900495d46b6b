package upload_test

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"net/http/httptest"
	"os"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/middleware"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/upload"
)

func ExampleSave() {
	dir, _ := os.MkdirTemp("", "uploads")
	defer os.RemoveAll(dir)
	dst, _ := os.OpenRoot(dir)
	defer dst.Close()

	// A client's form: a field and a file whose name tries to climb out.
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("title", "notes")
	fw, _ := mw.CreateFormFile("doc", "../../etc/notes.txt")
	fw.Write([]byte("plain text, sniffed as such"))
	mw.Close()
	r := httptest.NewRequest("POST", "/upload", &body)
	r.Header.Set("Content-Type", mw.FormDataContentType())

	form, err := upload.Save(httptest.NewRecorder(), r, dst, upload.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	f := form.Files[0]
	fmt.Println(form.Values["title"], f.Field, f.Filename, f.ContentType, f.Size, len(f.Name))
	// Output:
	// [notes] doc notes.txt text/plain 27 32
}

// A limit passed while reading is an error that carries its status.
func ExampleLimits() {
	dir, _ := os.MkdirTemp("", "uploads")
	defer os.RemoveAll(dir)
	dst, _ := os.OpenRoot(dir)
	defer dst.Close()

	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("doc", "big.txt")
	fw.Write(bytes.Repeat([]byte("x"), 2000))
	mw.Close()
	r := httptest.NewRequest("POST", "/upload", &body)
	r.Header.Set("Content-Type", mw.FormDataContentType())

	_, err := upload.Save(httptest.NewRecorder(), r, dst, upload.Options{Limits: upload.Limits{MaxFileBytes: 1000}})
	entries, _ := os.ReadDir(dir)
	fmt.Println(middleware.StatusOf(err), err, len(entries))
	// Output:
	// 413 file "big.txt" larger than 1000 bytes 0
}

func ExampleSanitizeFilename() {
	for _, name := range []string{"../../etc/passwd", `C:\Users\me\photo.png`, ".htaccess", "invoice.pdf\u202Etxt.exe", "..."} {
		fmt.Printf("%q\n", upload.SanitizeFilename(name, 0))
	}
	// Output:
	// "passwd"
	// "photo.png"
	// "htaccess"
	// "invoice.pdftxt.exe"
	// ""
}
