package verify

import (
	"os"
	"path/filepath"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/internal/lockfile"
)

// The dynamic check reuses one folder per step and side under WorkDir, so that the go command's
// build cache recognises the packages of an unchanged step. Two runs at once (an author's
// go test -dynamic beside learn verify) would empty each other's folders in the middle of a
// check and report failures that are not there. So a Verifier claims WorkDir with a file that
// only one process can create; a Verifier that finds it taken falls back to temporary folders,
// which is slower and just as correct.

// claimFile is the name of the claim in WorkDir.
const claimFile = ".claimed"

// workLease is how long a claim lasts without a new workspace being made under it. It is far
// longer than any one check may take, so only a run that died leaves a claim behind, and only
// for this long.
const workLease = 10 * time.Minute

// claim returns the path of the claim this Verifier holds on WorkDir, claiming it on the first
// call, or "" when it holds none (no WorkDir, or another run has it).
func (v *Verifier) claim() string {
	v.claimOnce.Do(func() {
		if v.WorkDir == "" || os.MkdirAll(v.WorkDir, 0o755) != nil {
			return
		}
		path := filepath.Join(v.WorkDir, claimFile)
		if release, err := lockfile.TryLock(path, workLease); err == nil {
			v.claimed, v.release = path, release
		}
	})
	return v.claimed
}

// Close gives up the claim on WorkDir, so that the next run reuses its folders. A Verifier that
// ran the dynamic check must be closed; the others may be.
func (v *Verifier) Close() error {
	v.claimOnce.Do(func() {}) // no claim can be made after Close
	if v.release != nil {
		v.release()
	}
	v.claimed, v.release = "", nil
	return nil
}

// workspace returns an empty folder for the named throwaway workspace: under WorkDir when this
// Verifier holds it (the same path every run), else a fresh temporary folder that cleanup
// removes.
func (v *Verifier) workspace(name string) (dir string, cleanup func(), err error) {
	claim := v.claim()
	if claim == "" {
		dir, err := os.MkdirTemp("", "learn-verify-")
		return dir, func() { os.RemoveAll(dir) }, err
	}
	now := time.Now()
	os.Chtimes(claim, now, now) // renew the lease
	dir = filepath.Join(v.WorkDir, name)
	if err := os.RemoveAll(dir); err != nil {
		return "", nil, err
	}
	return dir, func() {}, os.MkdirAll(dir, 0o755)
}
