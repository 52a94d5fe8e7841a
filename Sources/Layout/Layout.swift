import PDF
