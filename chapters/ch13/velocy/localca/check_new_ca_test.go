package localca

import (
	"crypto/x509"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

func TestCANewCA(t *testing.T) {
	name := fmt.Sprintf("check CA %d", rand.IntN(1_000_000))
	ca, err := NewCA(name)
	if err != nil {
		t.Fatalf("NewCA(%q): %v", name, err)
	}
	c := ca.Certificate()
	if c == nil {
		t.Fatal("NewCA returned a CA with no certificate")
	}
	if c.Subject.CommonName != name {
		t.Errorf("the CA's CommonName = %q, want %q", c.Subject.CommonName, name)
	}
	if !c.IsCA || !c.BasicConstraintsValid {
		t.Errorf("IsCA = %v, BasicConstraintsValid = %v: a CA's certificate must say it is one (both true)", c.IsCA, c.BasicConstraintsValid)
	}
	if !c.MaxPathLenZero || c.MaxPathLen != 0 {
		t.Errorf("MaxPathLenZero = %v, MaxPathLen = %d: the CA may sign leaves, not other CAs (MaxPathLenZero: true)", c.MaxPathLenZero, c.MaxPathLen)
	}
	if c.KeyUsage&x509.KeyUsageCertSign == 0 {
		t.Errorf("KeyUsage = %v: lacks KeyUsageCertSign, so clients will not accept what it signs", c.KeyUsage)
	}
	if err := c.CheckSignatureFrom(c); err != nil {
		t.Errorf("the CA's certificate is not signed by its own key: %v", err)
	}
	now := time.Now()
	if !c.NotBefore.Before(now.Add(-30*time.Minute)) || c.NotAfter.Before(now.Add(CAValidity-time.Hour)) {
		t.Errorf("valid from %v to %v; want from about an hour ago (clocks disagree) for CAValidity", c.NotBefore, c.NotAfter)
	}
	if c.SerialNumber == nil || c.SerialNumber.Sign() <= 0 {
		t.Errorf("serial number %v, want a positive random one (serial())", c.SerialNumber)
	}
}

func TestCACertPool(t *testing.T) {
	a, err := NewCA("a")
	if err != nil {
		t.Fatal(err)
	}
	b, err := NewCA("b")
	if err != nil {
		t.Fatal(err)
	}
	if a.Certificate().SerialNumber.Cmp(b.Certificate().SerialNumber) == 0 {
		t.Fatal("two CAs have the same serial number")
	}
	if _, err := a.Certificate().Verify(x509.VerifyOptions{Roots: a.CertPool()}); err != nil {
		t.Errorf("a.Certificate() does not verify against a.CertPool(): %v (the pool must hold the CA's certificate)", err)
	}
	if _, err := a.Certificate().Verify(x509.VerifyOptions{Roots: b.CertPool()}); err == nil {
		t.Error("a.Certificate() verifies against another CA's pool")
	}
}
