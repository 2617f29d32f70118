package viz

import "unicode"

// helveticaWidths are the advance widths of Helvetica for ASCII 32..126
// in thousandths of an em (the standard AFM metrics). Graphviz estimates
// text size from the same metrics when it has no font library, as in
// go-graphviz's WASM build, so layout estimates here match its node sizes.
var helveticaWidths = [95]uint16{
	278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space ! " # $ % & ' ( ) * + , - . /
	556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0-9 : ; < = > ?
	1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @ A-O
	667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P-Z [ \ ] ^ _
	333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // ` a-o
	556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // p-z { | } ~
}

// textWidth estimates the width in points of s set in Helvetica at size
// points; bold text is about 7% wider.
func textWidth(s string, size float64, bold bool) float64 {
	var em float64
	for _, r := range s {
		switch {
		case r >= 32 && r <= 126:
			em += float64(helveticaWidths[r-32])
		case r == '…':
			em += 1000
		case unicode.Is(unicode.Mn, r) || r == '\u200D' || r == '\uFE0F':
			// combining marks and joiners take no space
		case r >= 0x1F000 || unicode.In(r, unicode.Han, unicode.Hangul, unicode.Hiragana, unicode.Katakana):
			em += 1000 // emoji and wide scripts
		default:
			em += 600
		}
	}
	w := em / 1000 * size
	if bold {
		w *= 1.07
	}
	return w
}
